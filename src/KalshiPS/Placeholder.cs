namespace KalshiPS { internal static class Placeholder { } }
