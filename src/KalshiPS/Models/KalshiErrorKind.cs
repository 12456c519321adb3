namespace KalshiPS.Models
{
    /// <summary>What kind of failure a KalshiApiException reports (its Kind), independent of the HTTP status.</summary>
    public enum KalshiErrorKind
    {
        InvalidRequest,
        Authentication,
        PermissionDenied,
        NotFound,
        Conflict,
        Gone,
        RateLimited,
        ServerUnavailable,
        Timeout,
        Connection,
        /// <summary>A write may or may not have happened and the exchange's state could not be read to tell.</summary>
        OutcomeUnknown,
    }
}
