package nl.wams.gateway.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditExport;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.Checkpoints;
import nl.wams.gateway.audit.Reconciliation;
import nl.wams.gateway.audit.SubjectReport;
import nl.wams.gateway.audit.SubjectReportHtml;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.coordination.CaseStore;
import nl.wams.gateway.meldpunt.SignalStore;
import nl.wams.gateway.participation.ReceivedStore;
import nl.wams.gateway.policy.Bsn;
import nl.wams.gateway.provider.ReviewStore;
import nl.wams.gateway.requester.PendingAnswers;
import nl.wams.gateway.requester.ResultStore;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit verify|export|subject-report}: work with a gateway's audit log without starting it. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verify, export and report on the audit log.",
        subcommands = {
            AuditCommand.Verify.class,
            AuditCommand.Export.class,
            AuditCommand.SubjectReportCommand.class,
            AuditCommand.Rekey.class,
            AuditCommand.Reconcile.class
        })
final class AuditCommand {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int USAGE_OR_CONFIG = 2;

    /** Common: load the configuration and open the audit database. */
    abstract static class WithConfig implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway configuration (YAML).")
        Path config;

        @Override
        public Integer call() throws Exception {
            LoadedConfig loaded;
            try {
                loaded = new ConfigLoader().load(config);
            } catch (InvalidConfigException e) {
                e.problems().forEach(System.err::println);
                return USAGE_OR_CONFIG;
            }
            try (HikariDataSource dataSource = AuditSetup.dataSource(loaded, AuditSetup.Opener.COMMAND)) {
                return run(loaded, new AuditStore(dataSource));
            }
        }

        abstract int run(LoadedConfig config, AuditStore store) throws Exception;

        /** Records what the command did in the log itself, on a chain of its own. */
        static void record(LoadedConfig config, AuditStore store, AuditEntry entry) {
            Clock clock = Clock.systemUTC();
            TransactionIds ids = new TransactionIds(clock);
            try (AuditLog log = new AuditLog(
                    store,
                    new Checkpoints(AuditSetup.signingKey(config)),
                    AuditSetup.nodeId(config) + "-cli",
                    clock,
                    1,
                    Duration.ofMinutes(1),
                    () -> ids.next().toString())) {
                log.append(TraceIds.of(entry.transactionId()), List.of(entry));
            }
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Check every chain, checkpoint and checkpoint timestamp; exit 0 when intact, 1 naming the first bad record.")
    static final class Verify extends WithConfig {
        @Override
        int run(LoadedConfig config, AuditStore store) throws SQLException {
            java.security.cert.X509Certificate tsa = AuditSetup.tsaCertificate(config);
            AuditVerifier.Report report = new AuditVerifier(
                            store,
                            new Checkpoints(AuditSetup.signingKey(config), AuditSetup.previousSigningKeys(config)),
                            tsa)
                    .verify();
            System.out.printf(
                    "checked %d chain(s), %d record(s), %d checkpoint(s)%n",
                    report.nodes(), report.records(), report.checkpoints());
            if (tsa != null) {
                System.out.printf(
                        "timestamps (TSA %s): %d checkpoint(s) with a proven time, %d waiting for one%n",
                        tsa.getSubjectX500Principal().getName(),
                        report.provenTimes().size(),
                        report.untimestamped());
                report.provenTimes()
                        .forEach(p -> System.out.printf(
                                "  node %s checkpoint at seq %d existed at %s (TSA)%n", p.nodeId(), p.seq(), p.time()));
            }
            if (report.intact()) {
                System.out.println("INTACT");
                return INTACT;
            }
            System.out.println("BROKEN: " + report.first().orElseThrow());
            if (report.findings().size() > 1) {
                System.out.printf("(%d finding(s) in all)%n", report.findings().size());
            }
            return BROKEN;
        }
    }

    @Command(
            name = "reconcile",
            mixinStandardHelpOptions = true,
            description = "Compare two organisations' 'audit export --format controle' files: list every checkpoint one"
                    + " witnessed that the other's log lacks or holds with another hash, and every exchange one logged"
                    + " that the other did not. Exit 0 when they agree, 1 listing the disagreements.")
    static final class Reconcile implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0", description = "One organisation's controle export.")
        Path first;

        @picocli.CommandLine.Parameters(index = "1", description = "The other organisation's controle export.")
        Path second;

        @Override
        public Integer call() throws IOException {
            Reconciliation.Side a = Reconciliation.read(first);
            Reconciliation.Side b = Reconciliation.read(second);
            List<String> disagreements = Reconciliation.compare(a, b);
            System.out.printf(
                    "%s: %d checkpoint(s), %d witnessed, %d exchange(s); %s: %d checkpoint(s), %d witnessed, %d exchange(s)%n",
                    a.oin(),
                    a.checkpoints().size(),
                    a.witnessed().size(),
                    a.exchanges().size(),
                    b.oin(),
                    b.checkpoints().size(),
                    b.witnessed().size(),
                    b.exchanges().size());
            if (disagreements.isEmpty()) {
                System.out.println("AGREE");
                return 0;
            }
            disagreements.forEach(d -> System.out.println("DISAGREE: " + d));
            return 1;
        }
    }

    /** Every column any store seals with the data key. */
    static final List<SealedColumn> SEALED = java.util.stream.Stream.of(
                    ResultStore.SEALED,
                    PendingAnswers.SEALED,
                    ReviewStore.SEALED,
                    CaseStore.SEALED,
                    ReceivedStore.SEALED,
                    SignalStore.SEALED)
            .flatMap(List::stream)
            .toList();

    @Command(
            name = "rekey",
            mixinStandardHelpOptions = true,
            description = "Re-seal every kept value with the current data key (audit.data-key-file); values sealed"
                    + " with a key in audit.previous-data-key-files stay readable until then. Exit 0 when every value"
                    + " is sealed with the current key, 1 when some cannot be opened with any configured key.")
    static final class Rekey extends WithConfig {
        @Override
        int run(LoadedConfig config, AuditStore store) throws SQLException {
            DataCipher cipher = AuditSetup.dataCipher(config);
            int resealed = 0;
            int unreadable = 0;
            for (SealedColumn column : SEALED) {
                SealedColumn.Rekeyed done = column.rekey(store.dataSource(), cipher);
                resealed += done.resealed();
                unreadable += done.unreadable();
                System.out.printf(
                        "%-16s %-12s %d re-sealed%s%n",
                        column.table(),
                        column.column(),
                        done.resealed(),
                        done.unreadable() == 0 ? "" : ", " + done.unreadable() + " no configured key opens");
            }
            int left = 0;
            for (SealedColumn column : SEALED) {
                left += column.notCurrent(store.dataSource(), cipher);
            }
            record(
                    config,
                    store,
                    AuditEntry.of(
                                    AuditEvent.DATASLEUTEL_VERVANGEN,
                                    new TransactionIds(Clock.systemUTC()).next().toString())
                            .requester(config.gateway().identity().oin(), System.getProperty("user.name"))
                            .outcome(
                                    left == 0 ? "VOLLEDIG" : "ONVOLLEDIG",
                                    null,
                                    resealed + " value(s) re-sealed with key " + cipher.currentKeyId() + "; " + left
                                            + " left under another key")
                            .build());
            if (left == 0) {
                System.out.printf(
                        "every kept value is sealed with key %s: the previous data keys can be removed from"
                                + " audit.previous-data-key-files%n",
                        cipher.currentKeyId());
                return 0;
            }
            System.out.printf("%d value(s) are still under another key (%d cannot be opened)%n", left, unreadable);
            return 1;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write records of a time window as JSON lines.")
    static final class Export extends WithConfig {
        @Option(
                names = "--format",
                required = true,
                description =
                        "logboek (Logius Logboek Dataverwerkingen), verwerkingenlogging (VNG) or fsc (FSC transaction log)")
        String format;

        @Option(names = "--from", required = true, description = "Start, ISO-8601 instant (inclusive).")
        Instant from;

        @Option(names = "--to", required = true, description = "End, ISO-8601 instant (exclusive).")
        Instant to;

        @Option(names = "--out", description = "Output file; default standard output.")
        Path out;

        @Override
        int run(LoadedConfig config, AuditStore store) throws SQLException, IOException {
            AuditExport.Format chosen;
            try {
                chosen = AuditExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("--format must be logboek, verwerkingenlogging, fsc or controle");
                return USAGE_OR_CONFIG;
            }
            AuditExport export = new AuditExport(store, config.gateway(), config.catalogue());
            long lines;
            try (Writer writer = out == null
                    ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                lines = export.write(chosen, from, to, writer);
            }
            record(
                    config,
                    store,
                    AuditEntry.of(
                                    AuditEvent.AUDIT_EXPORT,
                                    new TransactionIds(Clock.systemUTC()).next().toString())
                            .requester(config.gateway().identity().oin(), System.getProperty("user.name"))
                            .outcome(
                                    chosen.name(),
                                    null,
                                    lines + " line(s) from " + StoredTime.format(from) + " to " + StoredTime.format(to))
                            .build());
            System.err.printf("exported %d line(s)%n", lines);
            return 0;
        }
    }

    @Command(
            name = "subject-report",
            mixinStandardHelpOptions = true,
            description = "Write the AVG art. 15 access report of one person as HTML.")
    static final class SubjectReportCommand extends WithConfig {
        @Option(
                names = "--bsn",
                required = true,
                description = "The person's BSN (used only to compute the pseudonym).")
        String bsn;

        @Option(names = "--out", description = "HTML file; default standard output.")
        Path out;

        @Override
        int run(LoadedConfig config, AuditStore store) throws SQLException, IOException {
            if (!Bsn.isValid(bsn)) {
                System.err.println("--bsn does not pass the 11-test");
                return USAGE_OR_CONFIG;
            }
            SubjectReport report = new SubjectReport(store, AuditSetup.pseudonyms(config), config.gateway());
            List<SubjectReport.Processing> processings = report.forBsn(bsn);
            String html = SubjectReportHtml.render(
                    config.gateway().identity().name(),
                    SubjectReportHtml.mask(bsn),
                    StoredTime.format(Instant.now()),
                    processings);
            if (out == null) {
                System.out.print(html);
            } else {
                Files.writeString(out, html);
            }
            record(
                    config,
                    store,
                    AuditEntry.of(
                                    AuditEvent.INZAGEVERZOEK,
                                    new TransactionIds(Clock.systemUTC()).next().toString())
                            .requester(config.gateway().identity().oin(), System.getProperty("user.name"))
                            .subjects(List.of(report.pseudonym(bsn)))
                            .outcome("VERSTREKT", null, processings.size() + " verwerking(en)")
                            .build());
            System.err.printf("%d processing(s) reported%n", processings.size());
            return 0;
        }
    }
}
