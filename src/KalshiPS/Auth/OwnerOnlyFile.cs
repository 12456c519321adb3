using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KalshiPS.Auth
{
    /// <summary>
    /// Creates a new file for a private key that only its owner can read: on Unix it is created with mode 0600 from the
    /// first moment (open(2) with O_CREAT|O_EXCL, so never briefly readable by others, and never an existing file or
    /// a planted symlink); on Windows it is created new in the folder the user chose (best effort: it inherits that
    /// folder's ACL, which under the user's profile is the user, SYSTEM and Administrators).
    /// </summary>
    internal static class OwnerOnlyFile
    {
        private const int O_WRONLY = 0x1;
        // O_CREAT, O_EXCL and O_NOFOLLOW differ between Linux and macOS.
        private static int Flags => RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? O_WRONLY | 0x200 | 0x800 | 0x100 : O_WRONLY | 0x40 | 0x80 | 0x20000;
        private const int OwnerReadWrite = 0x180; // 0600

        [DllImport("libc", SetLastError = true, EntryPoint = "open")]
        private static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags, int mode);

        public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>The new, empty file open for writing; an IOException when it exists or cannot be made.</summary>
        public static FileStream CreateNew(string path)
        {
            if (!IsUnix) return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            int fd = Open(path, Flags, OwnerReadWrite);
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                throw new IOException(errno == 17 ? $"The file '{path}' already exists." : $"The file '{path}' cannot be created (errno {errno}).");
            }
            return new FileStream(new SafeFileHandle((IntPtr)fd, true), FileAccess.Write);
        }
    }
}
