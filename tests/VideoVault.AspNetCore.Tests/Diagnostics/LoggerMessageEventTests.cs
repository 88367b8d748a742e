using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Tests.Diagnostics;

/// <summary>
/// Hosts filter and alert on event ids and names, so each must mean one thing across both packages: a clash makes two
/// different events indistinguishable in a log query.
/// </summary>
public sealed class LoggerMessageEventTests
{
    private const BindingFlags AllMethods =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    private static readonly Assembly[] Assemblies =
    [
        typeof(VideoVaultServiceCollectionExtensions).Assembly,
        typeof(VideoVaultEndpointRouteBuilderExtensions).Assembly,
    ];

    [Fact]
    public void Both_packages_declare_logger_messages()
    {
        Assemblies.Select(a => a.GetName().Name).Should().Equal("VideoVault.Core", "VideoVault.AspNetCore");
        var events = LoggerMessages();

        foreach (var assembly in Assemblies)
        {
            events.Should().Contain(e => e.Method.DeclaringType!.Assembly == assembly, "{0} logs through [LoggerMessage]", assembly.GetName().Name);
        }
    }

    [Fact]
    public void Every_logger_message_has_a_non_zero_event_id_and_an_event_name()
    {
        var events = LoggerMessages();

        events.Where(e => e.Attribute.EventId == 0).Select(e => e.Where).Should().BeEmpty("every event needs a fixed id");
        events.Where(e => string.IsNullOrWhiteSpace(e.Attribute.EventName)).Select(e => e.Where).Should().BeEmpty("every event needs a name");
    }

    [Fact]
    public void Event_ids_are_unique_across_both_packages()
    {
        var clashes = LoggerMessages()
            .GroupBy(e => e.Attribute.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Where))}");

        // Joined, so that a failure lists every clash and not only the first.
        string.Join(Environment.NewLine, clashes).Should().BeEmpty();
    }

    [Fact]
    public void Event_names_are_unique_across_both_packages()
    {
        var clashes = LoggerMessages()
            .GroupBy(e => e.Attribute.EventName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Where))}");

        // Joined, so that a failure lists every clash and not only the first.
        string.Join(Environment.NewLine, clashes).Should().BeEmpty();
    }

    private static List<LoggerMessageEvent> LoggerMessages() =>
        [.. Assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(AllMethods))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new LoggerMessageEvent(x.Method, x.Attribute!))];

    private sealed record LoggerMessageEvent(MethodInfo Method, LoggerMessageAttribute Attribute)
    {
        public string Where => $"{Method.DeclaringType!.FullName}.{Method.Name} ({Attribute.EventId} {Attribute.EventName})";
    }
}
