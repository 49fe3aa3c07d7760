using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Email;

public static class EmailRegistration
{
    /// <summary>
    /// Mail options (section "Mail", validated at start), the transport they choose and the outbox
    /// sender; the host runs the sender in the workers' rounds.
    /// </summary>
    public static IServiceCollection AddTerminagentEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Clock>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new FolderMailTransport(Path.Combine(root, options.Folder));
        });
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return options.Transport == MailTransportKind.Smtp
                ? new SmtpMailTransport(options.Smtp)
                : sp.GetRequiredService<FolderMailTransport>();
        });
        services.AddSingleton<MessageBuilder>();
        services.AddSingleton<OutboxSender>();

        return services;
    }
}
