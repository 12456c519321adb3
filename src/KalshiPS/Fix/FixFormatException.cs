using System;

namespace KalshiPS.Fix
{
    internal enum FixFormatError
    {
        MissingBeginString,
        MissingBodyLength,
        BadBodyLength,
        BadCheckSum,
        TooLarge,
        MissingMsgType,
        GarbledField,
        InvalidValue,
    }

    /// <summary>
    /// A message that cannot be framed or parsed. Frame errors (length, checksum, no 8=) are garbled per the FIX
    /// session rules: the bytes are dropped and the sequence gap is caught later. Message errors arrive in a good frame
    /// and are answered with Reject(3) when <see cref="RefSeqNum"/> is known.
    /// </summary>
    internal sealed class FixFormatException : Exception
    {
        public FixFormatException(FixFormatError error, string message, long? refSeqNum = null, int? refTag = null, string refMsgType = null)
            : base(message)
        {
            Error = error;
            RefSeqNum = refSeqNum;
            RefTagId = refTag;
            RefMsgType = refMsgType;
        }

        public FixFormatError Error { get; }
        public long? RefSeqNum { get; }
        public int? RefTagId { get; }
        public string RefMsgType { get; }

        public bool IsFrameError => Error == FixFormatError.MissingBeginString || Error == FixFormatError.MissingBodyLength
            || Error == FixFormatError.BadBodyLength || Error == FixFormatError.BadCheckSum || Error == FixFormatError.TooLarge;

        public FixRejectReason RejectReason =>
            Error == FixFormatError.MissingMsgType ? FixRejectReason.RequiredTagMissing
            : Error == FixFormatError.InvalidValue ? FixRejectReason.TagSpecifiedWithoutValue
            : FixRejectReason.InvalidTagNumber;
    }
}
