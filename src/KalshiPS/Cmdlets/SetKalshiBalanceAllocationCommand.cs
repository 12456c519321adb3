using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Replaces your target balance allocation across exchange shards (-Allocation @{0 = 60; 1 = 40}, percentages
    /// totalling 100), or turns automatic rebalancing off (-Disable).
    /// </summary>
    [KalshiOperation("SetTargetBalanceAllocation")]
    [Cmdlet(VerbsCommon.Set, "KalshiBalanceAllocation", HelpUri = HelpUris.Root + "Set-KalshiBalanceAllocation.md", DefaultParameterSetName = SetSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiBalanceAllocation))]
    public sealed class SetKalshiBalanceAllocationCommand : KalshiCmdlet
    {
        private const string SetSet = "Set";
        private const string DisableSet = "Disable";

        /// <summary>Exchange index = percentage of sweepable balance, e.g. @{0 = 60; 1 = 40}; the percentages total 100.</summary>
        [Parameter(ParameterSetName = SetSet, Mandatory = true, Position = 0)]
        public Hashtable Allocation { get; set; }

        /// <summary>How resting margin is reserved across shards (Kalshi's default: Sum).</summary>
        [Parameter(ParameterSetName = SetSet)]
        public KalshiMarginReservation? RestingMarginReservation { get; set; }

        /// <summary>Clear the allocation: automatic rebalancing stops.</summary>
        [Parameter(ParameterSetName = DisableSet, Mandatory = true)]
        public SwitchParameter Disable { get; set; }

        /// <summary>Writes the allocation as the exchange shows it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            List<KeyValuePair<int, decimal>> shares;
            try { shares = Disable ? new List<KeyValuePair<int, decimal>>() : Shares(Allocation); }
            catch (ArgumentException e) { WriteError(ErrorRecords.From(e, Allocation)); return; }
            var change = shares.Count == 0 ? "Turn automatic rebalancing off"
                : "Set target allocation " + string.Join(", ", shares.Select(s => string.Format(CultureInfo.InvariantCulture, "shard {0} = {1}%", s.Key, UserNumber.ExactCount(s.Value))))
                  + (RestingMarginReservation.HasValue ? ", resting margin reservation " + RestingMarginReservation.Value : "");
            if (!ShouldProcess("your Kalshi account", change)) return;
            var reservation = RestingMarginReservation;
            RunAsync(async ct =>
            {
                var now = await new SubaccountApi(ActiveSession).SetAllocationAsync(shares, reservation, ct).ConfigureAwait(false);
                if (PassThru) foreach (var row in now) Emit(row);
            });
        }

        /// <summary>The hashtable as (exchange index, percent) pairs, checked before anything is sent.</summary>
        private static List<KeyValuePair<int, decimal>> Shares(Hashtable table)
        {
            const string fix = " Give exchange index = percentage pairs totalling 100, e.g. -Allocation @{0 = 60; 1 = 40}, or -Disable to turn rebalancing off.";
            if (table == null || table.Count == 0) throw new ArgumentException("-Allocation is empty." + fix, nameof(Allocation));
            var list = new List<KeyValuePair<int, decimal>>();
            foreach (DictionaryEntry e in table)
            {
                var key = e.Key is PSObject pk ? pk.BaseObject : e.Key;
                var value = e.Value is PSObject pv ? pv.BaseObject : e.Value;
                int index;
                if (key is int i) index = i;
                else if (key is long l && l >= 0 && l <= int.MaxValue) index = (int)l;
                else if (!(key is string s) || !int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out index))
                    throw new ArgumentException($"'{key}' is not an exchange index (a whole number 0 or more)." + fix, nameof(Allocation));
                if (index < 0) throw new ArgumentException($"Exchange index {index} is negative." + fix, nameof(Allocation));
                decimal percent;
                try
                {
                    switch (value)
                    {
                        case int n: percent = n; break;
                        case long n: percent = n; break;
                        case decimal d: percent = d; break;
                        case double d: percent = UserNumber.FromDouble(d); break;
                        case string t: percent = UserNumber.Parse(t); break;
                        default: throw new FormatException($"'{value}' is not a percentage.");
                    }
                }
                catch (FormatException x) { throw new ArgumentException($"Exchange index {index}: {x.Message}" + fix, nameof(Allocation), x); }
                if (percent <= 0m || percent > 100m)
                    throw new ArgumentException($"Exchange index {index}: {UserNumber.ExactCount(percent)}% is not a share between 0 (exclusive) and 100." + fix, nameof(Allocation));
                list.Add(new KeyValuePair<int, decimal>(index, percent));
            }
            var total = list.Sum(x => x.Value);
            if (total != 100m) throw new ArgumentException($"The percentages total {UserNumber.ExactCount(total)}, not 100." + fix, nameof(Allocation));
            return list.OrderBy(x => x.Key).ToList();
        }
    }
}
