using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace KalshiPS.Session
{
    /// <summary>
    /// The default session of each runspace (not a process global: thread jobs and -Parallel runspaces each get their
    /// own), plus the implicit session built from KALSHI_* variables or anonymous Production when nobody connected.
    /// </summary>
    internal static class SessionStore
    {
        private sealed class Slot { public KalshiSession Default; public KalshiSession Implicit; }

        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();
        private static readonly List<WeakReference<KalshiSession>> Created = new List<WeakReference<KalshiSession>>();
        private static readonly Slot NoRunspace = new Slot();

        private static Slot Current
        {
            get
            {
                var rs = Runspace.DefaultRunspace;
                return rs == null ? NoRunspace : Slots.GetValue(rs, _ => new Slot());
            }
        }

        public static KalshiSession Default
        {
            get { var s = Current.Default; return s != null && !s.IsDisposed ? s : null; }
            set { Current.Default = value; Track(value); }
        }

        /// <summary>The session for a call that has none: built once per runspace from the environment (anonymous if no key).</summary>
        public static KalshiSession Implicit()
        {
            var slot = Current;
            if (slot.Implicit == null || slot.Implicit.IsDisposed)
            {
                var settings = new SessionSettings();
                settings.ApplyEnvironment(environmentGiven: false);
                slot.Implicit = KalshiSession.Create(settings);
                Track(slot.Implicit);
            }
            return slot.Implicit;
        }

        /// <summary>The implicit session if one exists already; never creates one (completers must not).</summary>
        public static KalshiSession PeekImplicit()
        {
            var s = Current.Implicit;
            return s != null && !s.IsDisposed ? s : null;
        }

        public static void Clear()
        {
            var slot = Current;
            slot.Default?.Dispose();
            slot.Default = null;
            slot.Implicit?.Dispose();
            slot.Implicit = null;
        }

        public static void DisposeAll()
        {
            lock (Created)
            {
                foreach (var weak in Created) if (weak.TryGetTarget(out var s)) s.Dispose();
                Created.Clear();
            }
        }

        private static void Track(KalshiSession session)
        {
            if (session == null) return;
            lock (Created)
            {
                Created.RemoveAll(w => !w.TryGetTarget(out _));
                Created.Add(new WeakReference<KalshiSession>(session));
            }
        }
    }
}
