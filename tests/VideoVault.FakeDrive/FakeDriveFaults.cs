namespace VideoVault.FakeDrive;

/// <summary>
/// The fault script of a <see cref="FakeDriveServer"/>: rules checked in the order added; the first rule that matches a
/// request and has uses left fires (once per request) and uses one up.
/// </summary>
public sealed class FakeDriveFaults
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];

    /// <summary>Fires <paramref name="fault"/> on the next request of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind of request.</param>
    /// <param name="fault">The fault.</param>
    public void Enqueue(FakeDriveRequestKind kind, DriveFault fault) => Add(r => r.Kind == kind, fault);

    /// <summary>Fires <paramref name="fault"/> on the next <paramref name="times"/> requests that match <paramref name="when"/>.</summary>
    /// <param name="when">Which requests the rule applies to.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many times the rule fires; <see cref="int.MaxValue"/> for always.</param>
    public void Add(Func<FakeDriveRequestInfo, bool> when, DriveFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _rules.Add(new Rule(when, fault, times));
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>How many firings are left over all rules (<see cref="int.MaxValue"/> counts as one).</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Times == int.MaxValue ? 1 : r.Times);
            }
        }
    }

    internal DriveFault? Take(FakeDriveRequestInfo request)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.When(request))
                {
                    continue;
                }

                if (rule.Times != int.MaxValue)
                {
                    rule.Times--;
                    if (rule.Times == 0)
                    {
                        _rules.RemoveAt(i);
                    }
                }

                return rule.Fault;
            }

            return null;
        }
    }

    private sealed class Rule(Func<FakeDriveRequestInfo, bool> when, DriveFault fault, int times)
    {
        public Func<FakeDriveRequestInfo, bool> When { get; } = when;

        public DriveFault Fault { get; } = fault;

        public int Times { get; set; } = times;
    }
}
