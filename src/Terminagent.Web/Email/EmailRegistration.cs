using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Terminagent.Web.Time;
using Terminagent.Web.Workers;

namespace Terminagent.Web.Email;

public static class EmailRegistration
{
    /// <summary>
    /// Mail options (section "Mail", validated at start), the transport they choose, the outbox
    /// sender and the worker that runs it (idle when <c>Workers:Enabled</c> is false).
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

        services.AddHostedService<OutboxWorker>();

        return services;
    }
}
