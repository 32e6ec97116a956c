package nl.wams.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.wams.gateway.api.InvalidRequestException;
import nl.wams.gateway.api.RequestReader;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.requester.RequestPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code explain --config FILE REQUEST.json}: what the gateway would do with a request, without
 * sending anything. For integration engineers and privacy officers checking a configuration.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Dry run: show whether a request would be sent or refused, and what would pass.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the request would be sent",
            "2:usage or configuration error",
            "3:the request would be refused"
        })
final class ExplainCommand implements Callable<Integer> {

    static final int WOULD_SEND = 0;
    static final int USAGE_OR_CONFIG = 2;
    static final int WOULD_REFUSE = 3;

    @Option(names = "--config", required = true, description = "The gateway configuration (YAML).")
    Path config;

    @Parameters(index = "0", paramLabel = "REQUEST.json", description = "A request body as the API takes it.")
    Path requestFile;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        LoadedConfig loaded;
        byte[] body;
        try {
            loaded = new ConfigLoader().load(config);
            body = Files.readAllBytes(requestFile);
        } catch (InvalidConfigException e) {
            e.problems().forEach(System.err::println);
            return USAGE_OR_CONFIG;
        } catch (IOException e) {
            System.err.println("cannot read " + requestFile + ": " + e.getMessage());
            return USAGE_OR_CONFIG;
        }
        DataRequest request;
        try {
            request = new RequestReader().read(body);
        } catch (InvalidRequestException e) {
            out.println("REFUSED (400 ongeldig-verzoek): " + e.getMessage());
            return WOULD_REFUSE;
        }
        GatewayConfig gateway = loaded.gateway();
        Rules rules = Rules.of(loaded);
        RequestPreview.Preview preview = new RequestPreview(() -> rules).preview(request);
        List<Violation> violations = preview.violations();
        out.printf(
                "Request: purpose %s, legal basis %s, phase %s, trigger %s, %d subject(s), %d party(ies)%n",
                request.purpose(),
                request.legalBasis(),
                request.phase(),
                request.trigger(),
                request.subjects().size(),
                request.parties().size());
        gateway.purpose(request.purpose()).ifPresent(purpose -> {
            GatewayConfig.BulkLimits limits = gateway.bulkLimits(purpose);
            out.printf(
                    "Stepwise collection (phase %s): at most %d party(ies) per request; naming every configured"
                            + " party is bulk from %d parties on (%d configured); asking every category of a party"
                            + " is bulk from %d offered categories on%s%n",
                    purpose.phase(),
                    limits.maxParties(),
                    limits.everyPartyRefusedFrom(),
                    gateway.parties().size(),
                    limits.everyCategoryRefusedFrom(),
                    purpose.allCategoriesAllowed() ? " (this purpose allows all categories)" : "");
        });
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            out.printf(
                    "REFUSED (%d %s): nothing would be sent%n",
                    first.rule().status(), first.rule().name());
            violations.forEach(v -> out.printf("  %-26s %-28s %s%n", v.rule().name(), v.path(), v.detail()));
            return WOULD_REFUSE;
        }
        out.println("WOULD BE SENT to these parties, and only these fields would pass:");
        for (RequestPreview.PartyPreview party : preview.parties()) {
            out.printf(
                    "%n  %s (%s, OIN %s) via %s %s%n",
                    party.party().id(),
                    party.party().name(),
                    party.party().oin(),
                    party.party().adapter().type().configName(),
                    party.party().adapter().url());
            for (RequestPreview.CategoryPreview category : party.categories()) {
                out.printf(
                        "    %s (%s)%n",
                        category.category().name(),
                        category.category().sensitivity().name().toLowerCase());
                category.passes().forEach(f -> out.printf("      %-32s %s%n", f.path(), f.transform()));
                category.removed()
                        .forEach(f -> out.printf(
                                "      %-32s %s%n",
                                f.field(),
                                f.sentByParty()
                                        ? "REMOVED (the party sends it; not in the profile)"
                                        : "removed (not in the profile)"));
            }
        }
        return WOULD_SEND;
    }
}
