package nl.wams.gateway.coordination;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * The written notice to the client (Dutch, plain language): the outcome of the investigation,
 * which parties were asked for which categories and why (purpose and legal basis), what was
 * refused, what the college provided to parties, the coordinator, and the client's rights. Drawn
 * from the case and the audit log (what was asked, answered and provided under the case
 * reference), rendered from a template the municipality can replace, as HTML and as PDF. Drawing
 * it up is itself logged.
 */
public final class ClientLetter {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl-NL"));
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** What the letter tells of: questions to parties, their answers, provisions. */
    private static final Set<AuditEvent> LETTER_EVENTS = EnumSet.of(
            AuditEvent.VERZOEK_VERZONDEN,
            AuditEvent.ANTWOORD_ONTVANGEN,
            AuditEvent.ANTWOORD_GEWEIGERD,
            AuditEvent.ANTWOORD_MISLUKT,
            AuditEvent.VERSTREKKING_VERSTUURD);

    /** One party asked: who, which categories, why, and its answer. */
    public record Asked(String organisatie, String gegevens, String waarom, String antwoord) {}

    /** What the template gets. */
    public record Letter(
            String gemeente,
            String datum,
            String zaakkenmerk,
            String uitkomst,
            String reden,
            String coordinator,
            List<Asked> gevraagd,
            List<String> geweigerd,
            List<String> verstrekt) {}

    private final AuditStore auditStore;
    private final AuditLog auditLog;
    private final CaseAudit audit;
    private final ActiveRules rules;
    private final Clock clock;
    private final TemplateEngine engine;
    private final String template;

    /** {@code templateFile}: the municipality's own template, or null for the shipped one. */
    public ClientLetter(
            AuditStore auditStore,
            AuditLog auditLog,
            CaseAudit audit,
            ActiveRules rules,
            Clock clock,
            Path templateFile) {
        this.auditStore = auditStore;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
        AbstractConfigurableTemplateResolver resolver;
        if (templateFile == null) {
            resolver = new ClassLoaderTemplateResolver(ClientLetter.class.getClassLoader());
            this.template = "letters/clientbrief.html";
        } else {
            resolver = new FileTemplateResolver();
            this.template = templateFile.toAbsolutePath().toString();
        }
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(false);
        this.engine = new SpringTemplateEngine(); // Spring EL for expressions, as the web pages use
        engine.setTemplateResolver(resolver);
    }

    /** The letter's content for a case, from the case and the audit log. */
    public Letter letter(Case zaak) throws SQLException {
        GatewayConfig gateway = rules.current().gateway();
        Map<String, Asked> asked = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        List<String> provided = new ArrayList<>();
        for (AuditRecord record : auditStore.byCase(zaak.reference(), LETTER_EVENTS)) {
            AuditEntry e = record.entry();
            String party = e.partyId() == null ? e.partyOin() : gateway.partyName(e.partyId());
            String key = e.transactionId() + "/" + e.partyId();
            switch (e.event()) {
                case VERZOEK_VERZONDEN ->
                    asked.put(
                            key,
                            new Asked(
                                    party,
                                    String.join(", ", e.categoriesAsked()),
                                    why(gateway, e.purpose()),
                                    "nog geen antwoord"));
                case ANTWOORD_ONTVANGEN, ANTWOORD_GEWEIGERD, ANTWOORD_MISLUKT -> {
                    Asked before = asked.get(key);
                    if (before != null) {
                        asked.put(key, new Asked(before.organisatie(), before.gegevens(), before.waarom(), answer(e)));
                    }
                    if (e.event() == AuditEvent.ANTWOORD_GEWEIGERD) {
                        refused.add(party + " heeft geweigerd gegevens te geven"
                                + (e.ground() == null ? "" : " (" + ground(e.ground()) + ")") + ".");
                    }
                }
                case VERSTREKKING_VERSTUURD -> {
                    if ("VERSTREKKING".equals(e.outcome())) {
                        provided.add("Aan " + party + ": " + String.join(", ", e.categoriesReleased())
                                + ", voor de gecoördineerde aanpak ("
                                + why(gateway, CaseAudit.PURPOSE) + ").");
                    }
                }
                default -> {}
            }
        }
        Case.Details d = zaak.details();
        return new Letter(
                gateway.identity().name(),
                LocalDate.ofInstant(clock.instant(), ZONE).format(DATE),
                zaak.reference(),
                outcome(d.investigation()),
                d.investigation() == null ? null : d.investigation().reason(),
                coordinator(d),
                List.copyOf(asked.values()),
                refused,
                provided);
    }

    /** The letter as HTML; drawing it up is logged (fails closed). */
    public String html(Case zaak, String user, String transactionId) throws SQLException {
        Letter letter = letter(zaak);
        logged(zaak, user, transactionId, "HTML");
        return render(letter);
    }

    /** The letter as PDF; drawing it up is logged (fails closed). */
    public byte[] pdf(Case zaak, String user, String transactionId) throws SQLException {
        Letter letter = letter(zaak);
        logged(zaak, user, transactionId, "PDF");
        return pdf(render(letter));
    }

    String render(Letter letter) {
        Context context = new Context(Locale.forLanguageTag("nl-NL"));
        context.setVariable("brief", letter);
        return engine.process(template, context);
    }

    static byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the letter could not be rendered as PDF", e);
        }
    }

    private void logged(Case zaak, String user, String transactionId, String format) {
        Rules in = rules.current();
        auditLog.append(
                nl.wams.adapters.TraceIds.of(transactionId),
                List.of(audit.entry(
                                AuditEvent.CLIENTBRIEF_OPGEMAAKT,
                                transactionId,
                                in,
                                zaak.reference(),
                                zaak.details().bsns(),
                                user)
                        .outcome(format, null, null)
                        .build()));
    }

    private static String why(GatewayConfig gateway, String purposeId) {
        Optional<GatewayConfig.Purpose> purpose = gateway.purpose(purposeId == null ? "" : purposeId);
        if (purpose.isEmpty()) {
            return purposeId;
        }
        String basis = purpose.get().legalBasis() == null
                ? ""
                : purpose.get().legalBasis().text();
        return switch (purpose.get().phase() == null ? "" : purpose.get().phase()) {
                    case "verkenning" -> "Om te verkennen of er meer problemen tegelijk spelen";
                    case "onderzoek" -> "Om uw situatie te onderzoeken";
                    case "aanpak" -> "Om de hulp op elkaar af te stemmen";
                    default -> "Doel: " + purposeId;
                }
                + (basis.isEmpty() ? "" : "; grondslag: " + basis);
    }

    private static String answer(AuditEntry e) {
        return switch (e.event()) {
            case ANTWOORD_GEWEIGERD -> "geweigerd";
            case ANTWOORD_MISLUKT -> "geen antwoord ontvangen";
            default -> "NIET_BEKEND".equals(e.outcome()) ? "niet bekend bij deze organisatie" : "gegevens gegeven";
        };
    }

    private static String ground(String ground) {
        return switch (ground) {
            case "BEROEPSGEHEIM" -> "beroepsgeheim";
            case "ZWAARWEGENDE_REDENEN" -> "zwaarwegende redenen";
            case "NIET_NOODZAKELIJK" -> "niet nodig voor het doel";
            default -> ground.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String outcome(Case.Investigation investigation) {
        if (investigation == null || investigation.outcome() == Case.Outcome.ONDERZOEK_LOOPT) {
            return "Het onderzoek loopt nog.";
        }
        return investigation.outcome() == Case.Outcome.AANPAK_NODIG
                ? "Er is een gecoördineerde aanpak nodig: de hulp van verschillende organisaties wordt op elkaar afgestemd."
                : "Er is geen gecoördineerde aanpak nodig.";
    }

    private static String coordinator(Case.Details d) {
        if (d.coordinator() != null) {
            return d.coordinator().name() + " (" + d.coordinator().organisation()
                    + ") is uw coördinator en uw vaste aanspreekpunt.";
        }
        if (d.coordinatorWaived()) {
            return "U heeft aangegeven geen coördinator te willen. U kunt daar altijd op terugkomen.";
        }
        return "Er is (nog) geen coördinator aangewezen.";
    }
}
