using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VideoVault;
using VideoVault.Events;
using VideoVault.Mirroring;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the host's reactions to what happens to videos.</summary>
public static class VideoVaultEventsBuilderExtensions
{
    /// <summary>
    /// Adds <typeparamref name="THandler"/> as an <see cref="IVideoVaultEventHandler"/>, and the background
    /// dispatcher that delivers the manifest's event outbox (stored, mirrored, mirror failed) to every handler at
    /// least once. Works with or without a mirror. Adding the same handler type twice registers it once.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="builder">The builder returned by <c>AddVideoVault</c>.</param>
    /// <param name="lifetime">The handler's lifetime; each event is delivered in its own scope. Default: scoped.</param>
    /// <returns>The builder.</returns>
    public static IVideoVaultBuilder AddEventHandler<THandler>(this IVideoVaultBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where THandler : class, IVideoVaultEventHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Describe(typeof(IVideoVaultEventHandler), typeof(THandler), lifetime));
        services.AddOptions<VideoVaultEventOptions>();
        services.TryAddSingleton<EventHandlerRegistration>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MirrorSignals>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationDispatcher>());
        return builder;
    }
}
