package nl.wams.gateway.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.Catalogue.Sensitivity;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.GatewayConfig.Purpose;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequest.PartyQuestion;

/**
 * Decides, before anything leaves the gateway, whether a data request may be sent: subjects are
 * valid, the purpose, legal basis and phase fit the register, parties are named and exist, every
 * category is offered and allowed for the purpose, and motivations are present where the law
 * needs them. Returns every violation, in request order.
 */
public final class RequestPolicy {

    /** A necessity motivation shorter than this says nothing an auditor could check. */
    static final int MIN_MOTIVATION_LENGTH = 20;

    private final GatewayConfig config;
    private final Catalogue catalogue;

    public RequestPolicy(GatewayConfig config, Catalogue catalogue) {
        this.config = config;
        this.catalogue = catalogue;
    }

    public List<Violation> check(DataRequest request) {
        List<Violation> violations = new ArrayList<>();
        Optional<Purpose> purpose = subjectsAndPurpose(request, violations);
        partiesAreNamed(request, purpose, violations);
        return violations;
    }

    /** The rules every request meets, asked or received: subjects, purpose, legal basis, phase, motivation. */
    private Optional<Purpose> subjectsAndPurpose(DataRequest request, List<Violation> violations) {
        subjectsAreValid(request, violations);
        Optional<Purpose> purpose = config.purpose(request.purpose());
        if (purpose.isEmpty()) {
            violations.add(new Violation(Rule.ONBEKEND_DOEL, "doel", "Dit doel staat niet in het doelenregister."));
        } else {
            purposeFits(request, purpose.get(), violations);
        }
        return purpose;
    }

    /**
     * The same rules applied by a provider gateway to a signed request of a peer, against its own
     * purpose register: subjects, purpose, legal basis, phase, motivation, and per asked category
     * whether this provider offers it (its release policy), the phase allows it, a special or
     * criminal category is allowed and motivated, and the purpose covers it. Every violation.
     *
     * @param offered the categories this provider can release at all
     */
    public List<Violation> checkIncoming(DataRequest request, List<String> categories, List<String> offered) {
        List<Violation> violations = new ArrayList<>();
        Optional<Purpose> purpose = subjectsAndPurpose(request, violations);
        if (categories.isEmpty()) {
            violations.add(new Violation(Rule.GEEN_CATEGORIEEN, "categorieen", "Vraag ten minste één categorie."));
        }
        GatewayConfig.Party self = new GatewayConfig.Party(
                config.identity().name(),
                config.identity().name(),
                config.identity().oin(),
                null,
                offered,
                null,
                null,
                null);
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < categories.size(); j++) {
            String category = categories.get(j);
            if (!seen.add(category)) {
                violations.add(new Violation(
                        Rule.BULKVERZOEK, "categorieen[" + j + "]", "Deze categorie is al eerder gevraagd."));
                continue;
            }
            if (catalogue.category(category).isEmpty()) {
                violations.add(new Violation(
                        Rule.CATEGORIE_NIET_AANGEBODEN, "categorieen[" + j + "]", "Deze categorie is hier onbekend."));
                continue;
            }
            categoryAllowed(request, purpose, self, category, "categorieen[" + j + "]", violations);
        }
        return violations;
    }

    private static void subjectsAreValid(DataRequest request, List<Violation> violations) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.subjects().size(); i++) {
            String bsn = request.subjects().get(i).bsn();
            if (!Bsn.isValid(bsn)) {
                violations.add(new Violation(
                        Rule.ONGELDIG_BSN, "personen[" + i + "].bsn", "Het BSN voldoet niet aan de elfproef."));
            } else if (!seen.add(bsn)) {
                violations.add(new Violation(
                        Rule.DUBBELE_PERSOON, "personen[" + i + "].bsn", "Deze persoon is al eerder genoemd."));
            }
        }
    }

    private static void purposeFits(DataRequest request, Purpose purpose, List<Violation> violations) {
        if (!purpose.legalBasis().id().equals(request.legalBasis())) {
            violations.add(new Violation(
                    Rule.GRONDSLAG_ONJUIST,
                    "grondslag",
                    "Doel '" + purpose.id() + "' rust op grondslag '"
                            + purpose.legalBasis().id() + "'."));
        }
        if (!purpose.phase().equals(request.phase())) {
            violations.add(new Violation(
                    Rule.FASE, "fase", "Doel '" + purpose.id() + "' hoort bij fase '" + purpose.phase() + "'."));
        }
        if (purpose.motivationRequired() && !request.hasMotivation()) {
            violations.add(new Violation(
                    Rule.MOTIVERING_VERPLICHT, "motivering", "Doel '" + purpose.id() + "' vereist een motivering."));
        } else if (request.trigger() == DataRequest.Trigger.VERZOEK_PROFESSIONAL && !request.hasMotivation()) {
            violations.add(new Violation(
                    Rule.MOTIVERING_VERPLICHT,
                    "motivering",
                    "Een verzoek van een betrokken professional vereist altijd een motivering."));
        }
    }

    private void partiesAreNamed(DataRequest request, Optional<Purpose> purpose, List<Violation> violations) {
        if (request.parties().isEmpty()) {
            violations.add(new Violation(
                    Rule.GEEN_PARTIJEN, "partijen", "Noem elke partij expliciet, met de gevraagde categorieën."));
        }
        bulkAcrossParties(request, purpose, violations);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.parties().size(); i++) {
            PartyQuestion question = request.parties().get(i);
            String path = "partijen[" + i + "]";
            if (!seen.add(question.party())) {
                violations.add(
                        new Violation(Rule.DUBBELE_PARTIJ, path + ".partij", "Deze partij is al eerder genoemd."));
                continue;
            }
            Optional<GatewayConfig.Party> party = config.party(question.party());
            if (party.isEmpty()) {
                violations.add(new Violation(
                        Rule.ONBEKENDE_PARTIJ, path + ".partij", "Deze partij staat niet in de configuratie."));
                continue;
            }
            if (question.categories().isEmpty()) {
                violations.add(
                        new Violation(Rule.GEEN_CATEGORIEEN, path + ".categorieen", "Vraag ten minste één categorie."));
            }
            bulkWithinParty(question, party.get(), purpose, path, violations);
            for (int j = 0; j < question.categories().size(); j++) {
                categoryAllowed(
                        request,
                        purpose,
                        party.get(),
                        question.categories().get(j),
                        path + ".categorieen[" + j + "]",
                        violations);
            }
        }
    }

    /** Too many parties at once, or every configured party: collection must be stepwise. */
    private void bulkAcrossParties(DataRequest request, Optional<Purpose> purpose, List<Violation> violations) {
        if (purpose.isEmpty()) {
            return;
        }
        GatewayConfig.BulkLimits limits = config.bulkLimits(purpose.get());
        Set<String> named = new HashSet<>();
        request.parties().forEach(q -> named.add(q.party()));
        if (named.size() > limits.maxParties()) {
            violations.add(new Violation(
                    Rule.BULKVERZOEK,
                    "partijen",
                    "Doel '" + purpose.get().id() + "' staat ten hoogste " + limits.maxParties()
                            + " partijen per verzoek toe."));
        } else if (config.parties().size() >= limits.everyPartyRefusedFrom()
                && config.parties().stream().allMatch(p -> named.contains(p.id()))) {
            violations.add(new Violation(
                    Rule.BULKVERZOEK,
                    "partijen",
                    "Alle " + config.parties().size() + " geconfigureerde partijen tegelijk bevragen is niet"
                            + " toegestaan; vraag alleen partijen met een aanwijzing."));
        }
    }

    /** Every category a party offers, in one go, unless the purpose allows that. */
    private void bulkWithinParty(
            PartyQuestion question,
            GatewayConfig.Party party,
            Optional<Purpose> purpose,
            String path,
            List<Violation> violations) {
        if (purpose.isEmpty()
                || purpose.get().allCategoriesAllowed()
                || party.categories().size() < config.bulkLimits(purpose.get()).everyCategoryRefusedFrom()) {
            return;
        }
        if (question.categories().containsAll(party.categories())) {
            violations.add(new Violation(
                    Rule.BULKVERZOEK,
                    path + ".categorieen",
                    "Alle categorieën van partij '" + party.id() + "' tegelijk vragen is niet toegestaan voor doel '"
                            + purpose.get().id() + "'."));
        }
    }

    private void categoryAllowed(
            DataRequest request,
            Optional<Purpose> purpose,
            GatewayConfig.Party party,
            String category,
            String path,
            List<Violation> violations) {
        // Submitted names are only repeated once they are known to be configured ones.
        if (!party.categories().contains(category)) {
            violations.add(new Violation(
                    Rule.CATEGORIE_NIET_AANGEBODEN, path, "Partij '" + party.id() + "' levert deze categorie niet."));
            return;
        }
        if (purpose.isEmpty()) {
            return;
        }
        if ("verkenning".equals(purpose.get().phase())
                && !config.collectionRules().explorationCategories().contains(category)) {
            violations.add(new Violation(
                    Rule.FASE,
                    path,
                    "In de verkenning mag alleen " + config.collectionRules().explorationCategories()
                            + " gevraagd worden, niet '" + category + "'."));
            // and on: the category may break other rules as well, each is listed
        }
        Sensitivity sensitivity = catalogue
                .category(category)
                .map(Catalogue.Category::sensitivity)
                .orElseThrow();
        boolean necessityMotivated =
                request.hasMotivation() && request.motivation().strip().length() >= MIN_MOTIVATION_LENGTH;
        if (sensitivity == Sensitivity.SPECIAL && (!purpose.get().specialCategoriesAllowed() || !necessityMotivated)) {
            violations.add(new Violation(
                    Rule.BIJZONDERE_GEGEVENS,
                    path,
                    purpose.get().specialCategoriesAllowed()
                            ? "Categorie '" + category
                                    + "' is bijzonder (AVG art. 9): geef een noodzakelijkheidsmotivering"
                                    + " van ten minste " + MIN_MOTIVATION_LENGTH + " tekens."
                            : "Doel '" + purpose.get().id() + "' staat bijzondere persoonsgegevens niet toe."));
        }
        if (sensitivity == Sensitivity.CRIMINAL
                && (!purpose.get().criminalCategoriesAllowed() || !necessityMotivated)) {
            violations.add(new Violation(
                    Rule.STRAFRECHTELIJKE_GEGEVENS,
                    path,
                    purpose.get().criminalCategoriesAllowed()
                            ? "Categorie '" + category + "' is strafrechtelijk (AVG art. 10): geef een"
                                    + " noodzakelijkheidsmotivering van ten minste " + MIN_MOTIVATION_LENGTH
                                    + " tekens."
                            : "Doel '" + purpose.get().id() + "' staat strafrechtelijke gegevens niet toe."));
        }
        if (!purpose.get().categories().contains(category)) {
            violations.add(new Violation(
                    Rule.CATEGORIE_BUITEN_DOEL,
                    path,
                    "Categorie '" + category + "' is niet toegestaan voor doel '"
                            + purpose.get().id() + "'."));
        }
    }
}
