namespace KalshiPS.Fix
{
    /// <summary>Tag numbers the engine itself reads or writes (FIXT.1.1 session layer + the Kalshi logon).</summary>
    internal static class FixTags
    {
        public const int BeginSeqNo = 7;
        public const int BeginString = 8;
        public const int BodyLength = 9;
        public const int CheckSum = 10;
        public const int EndSeqNo = 16;
        public const int MsgSeqNum = 34;
        public const int MsgType = 35;
        public const int NewSeqNo = 36;
        public const int PossDupFlag = 43;
        public const int RefSeqNum = 45;
        public const int SenderCompID = 49;
        public const int SendingTime = 52;
        public const int TargetCompID = 56;
        public const int Text = 58;
        public const int RawDataLength = 95;
        public const int RawData = 96;
        public const int EncryptMethod = 98;
        public const int HeartBtInt = 108;
        public const int TestReqID = 112;
        public const int OrigSendingTime = 122;
        public const int GapFillFlag = 123;
        public const int ResetSeqNumFlag = 141;
        public const int RefTagID = 371;
        public const int RefMsgType = 372;
        public const int SessionRejectReason = 373;
        public const int Password = 554;
        public const int ApplVerID = 1128;
        public const int DefaultApplVerID = 1137;
        public const int CancelOrdersOnDisconnect = 8013;
    }

    internal static class FixMsgTypes
    {
        public const string Heartbeat = "0";
        public const string TestRequest = "1";
        public const string ResendRequest = "2";
        public const string Reject = "3";
        public const string SequenceReset = "4";
        public const string Logout = "5";
        public const string Logon = "A";
        public const string ExecutionReport = "8";
        public const string NewOrderSingle = "D";

        /// <summary>Session-level (admin) messages; everything else is application traffic.</summary>
        public static bool IsAdmin(string msgType) =>
            msgType == Heartbeat || msgType == TestRequest || msgType == ResendRequest || msgType == Reject
            || msgType == SequenceReset || msgType == Logout || msgType == Logon;
    }

    internal static class FixVersions
    {
        /// <summary>Kalshi runs the FIXT.1.1 transport with the FIX 5.0 SP2 application layer.</summary>
        public const string FixT11 = "FIXT.1.1";
        /// <summary>ApplVerID / DefaultApplVerID value for FIX50SP2.</summary>
        public const string Fix50Sp2 = "9";
    }

    /// <summary>SessionRejectReason (373) values the engine sends.</summary>
    internal enum FixRejectReason
    {
        InvalidTagNumber = 0,
        RequiredTagMissing = 1,
        TagNotDefinedForMessageType = 2,
        UndefinedTag = 3,
        TagSpecifiedWithoutValue = 4,
        IncorrectValue = 5,
        IncorrectDataFormat = 6,
        CompIdProblem = 9,
        SendingTimeAccuracyProblem = 10,
        InvalidMsgType = 11,
        TagAppearsMoreThanOnce = 13,
        TagOutOfOrder = 14,
        Other = 99,
    }
}
