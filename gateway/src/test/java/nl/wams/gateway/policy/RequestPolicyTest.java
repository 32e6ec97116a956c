package nl.wams.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import nl.wams.adapters.FieldType;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.Catalogue.Sensitivity;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequest.PartyQuestion;
import nl.wams.gateway.request.DataRequest.Role;
import nl.wams.gateway.request.DataRequest.Subject;
import nl.wams.gateway.request.DataRequest.Trigger;
import nl.wams.gateway.support.Household;
import org.junit.jupiter.api.Test;

class RequestPolicyTest {

    static final String NECESSITY = "Noodzakelijk om samenhang met schulden te beoordelen.";

    static Catalogue.Category category(String name, Sensitivity sensitivity) {
        return new Catalogue.Category(
                name, name, sensitivity, Map.of("x", new Catalogue.Field(FieldType.STRING, null)));
    }

    static final Catalogue CATALOGUE = new Catalogue(List.of(
            category("bekend-bij", Sensitivity.NORMAL),
            category("schulden", Sensitivity.NORMAL),
            category("ggz-behandeling", Sensitivity.SPECIAL),
            category("justitiele-gegevens", Sensitivity.CRIMINAL)));

    static GatewayConfig.Purpose purpose(
            String id, List<String> categories, boolean special, boolean criminal, boolean motivation) {
        return new GatewayConfig.Purpose(
                id,
                id,
                new GatewayConfig.LegalBasis("lb-" + id, "text"),
                categories,
                special,
                criminal,
                motivation,
                null,
                null,
                null);
    }

    static final GatewayConfig CONFIG = new GatewayConfig(
            new GatewayConfig.Identity("00000099000000000001", "Test", List.of("requester")),
            null,
            new GatewayConfig.Authentication("iss", "aud", "jwks.json"),
            "catalogue.yml",
            strict(List.of("bekend-bij"), 2),
            List.of(
                    purpose("verkenning", List.of("bekend-bij"), false, false, false),
                    purpose("onderzoek", List.of("bekend-bij", "schulden", "ggz-behandeling"), true, false, false),
                    purpose("strafrecht", List.of("justitiele-gegevens"), false, true, false),
                    purpose("aanpak", List.of("bekend-bij"), false, false, true)),
            null,
            null,
            List.of(
                    party("ggz", "bekend-bij", "schulden", "ggz-behandeling", "justitiele-gegevens"),
                    party("woon", "bekend-bij", "schulden"),
                    party("school", "bekend-bij")),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    /** Rules that treat "every party" and "every category" as bulk from two on. */
    static GatewayConfig.CollectionRules strict(List<String> exploration, int maxParties) {
        return new GatewayConfig.CollectionRules(exploration, maxParties, 2, 2, null);
    }

    /** {@link #CONFIG}'s requester and parties with other collection rules and purposes. */
    static GatewayConfig withRules(GatewayConfig.CollectionRules rules, List<GatewayConfig.Purpose> purposes) {
        return new GatewayConfig(
                CONFIG.identity(),
                null,
                CONFIG.authentication(),
                "c.yml",
                rules,
                purposes,
                null,
                null,
                CONFIG.parties(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static GatewayConfig.Party party(String id, String... categories) {
        return new GatewayConfig.Party(
                id, id, "00000099000000000101", "welzijn", List.of(categories), null, null, null);
    }

    final RequestPolicy policy = new RequestPolicy(CONFIG, CATALOGUE);

    static DataRequest request(String purpose, Trigger trigger, String motivation, String... categories) {
        return new DataRequest(
                purpose,
                "lb-" + purpose,
                purpose,
                trigger,
                "Z-1",
                List.of(new Subject(Household.CLIENT, Role.CLIENT)),
                List.of(new PartyQuestion("ggz", List.of(categories))),
                motivation);
    }

    List<Rule> rules(DataRequest request) {
        return policy.check(request).stream().map(Violation::rule).toList();
    }

    @Test
    void acceptsAWellFormedRequest() {
        assertThat(rules(request("verkenning", Trigger.HULPVRAAG, null, "bekend-bij")))
                .isEmpty();
    }

    @Test
    void refusesCategoryOutsidePurpose() {
        assertThat(rules(request("strafrecht", Trigger.HULPVRAAG, null, "schulden")))
                .containsExactly(Rule.CATEGORIE_BUITEN_DOEL);
    }

    @Test
    void refusesSpecialCategoryWithoutMotivation() {
        assertThat(rules(request("onderzoek", Trigger.HULPVRAAG, null, "ggz-behandeling")))
                .containsExactly(Rule.BIJZONDERE_GEGEVENS);
    }

    @Test
    void refusesSpecialCategoryWithAMotivationThatSaysNothing() {
        assertThat(rules(request("onderzoek", Trigger.HULPVRAAG, "nodig", "ggz-behandeling")))
                .containsExactly(Rule.BIJZONDERE_GEGEVENS);
    }

    @Test
    void acceptsSpecialCategoryWithNecessityMotivationWhenThePurposeAllowsIt() {
        assertThat(rules(request("onderzoek", Trigger.HULPVRAAG, NECESSITY, "ggz-behandeling")))
                .isEmpty();
    }

    @Test
    void refusesSpecialCategoryWhenThePurposeDoesNotAllowIt() {
        // Every rule the category breaks is listed, not only the first.
        assertThat(rules(request("strafrecht", Trigger.HULPVRAAG, NECESSITY, "ggz-behandeling")))
                .containsExactly(Rule.BIJZONDERE_GEGEVENS, Rule.CATEGORIE_BUITEN_DOEL);
    }

    @Test
    void criminalCategoryNeedsAllowanceAndMotivation() {
        assertThat(rules(request("onderzoek", Trigger.HULPVRAAG, NECESSITY, "justitiele-gegevens")))
                .containsExactly(Rule.STRAFRECHTELIJKE_GEGEVENS, Rule.CATEGORIE_BUITEN_DOEL);
        assertThat(rules(request("strafrecht", Trigger.HULPVRAAG, null, "justitiele-gegevens")))
                .containsExactly(Rule.STRAFRECHTELIJKE_GEGEVENS);
        assertThat(rules(request("strafrecht", Trigger.HULPVRAAG, NECESSITY, "justitiele-gegevens")))
                .isEmpty();
    }

    @Test
    void professionalsRequestAlwaysNeedsMotivation() {
        assertThat(rules(request("verkenning", Trigger.VERZOEK_PROFESSIONAL, null, "bekend-bij")))
                .containsExactly(Rule.MOTIVERING_VERPLICHT);
        assertThat(rules(request("verkenning", Trigger.VERZOEK_PROFESSIONAL, "Signaal van wijkteam", "bekend-bij")))
                .isEmpty();
    }

    @Test
    void purposeCanRequireMotivation() {
        assertThat(rules(request("aanpak", Trigger.HULPVRAAG, " ", "bekend-bij")))
                .containsExactly(Rule.MOTIVERING_VERPLICHT);
    }

    @Test
    void legalBasisAndPhaseMustBeThePurposes() {
        DataRequest wrong = new DataRequest(
                "verkenning",
                "lb-onderzoek",
                "onderzoek",
                Trigger.HULPVRAAG,
                "Z-1",
                List.of(new Subject(Household.CLIENT, Role.CLIENT)),
                List.of(new PartyQuestion("ggz", List.of("bekend-bij"))),
                null);

        assertThat(rules(wrong)).containsExactly(Rule.GRONDSLAG_ONJUIST, Rule.FASE);
    }

    @Test
    void reportsEveryViolationWithoutRevealingTheBsn() {
        DataRequest bad = new DataRequest(
                "verkenning",
                "lb-verkenning",
                "verkenning",
                Trigger.HULPVRAAG,
                "Z-1",
                List.of(
                        new Subject(Household.INVALID, Role.CLIENT),
                        new Subject(Household.CLIENT, Role.CLIENT),
                        new Subject(Household.CLIENT, Role.GEZINSLID)),
                List.of(
                        new PartyQuestion("onbekend", List.of("bekend-bij")),
                        new PartyQuestion("ggz", List.of()),
                        new PartyQuestion("ggz", List.of("bekend-bij"))),
                null);

        List<Violation> violations = policy.check(bad);

        assertThat(violations)
                .extracting(Violation::rule)
                .containsExactly(
                        Rule.ONGELDIG_BSN,
                        Rule.DUBBELE_PERSOON,
                        Rule.ONBEKENDE_PARTIJ,
                        Rule.GEEN_CATEGORIEEN,
                        Rule.DUBBELE_PARTIJ);
        assertThat(violations)
                .extracting(Violation::path)
                .containsExactly(
                        "personen[0].bsn",
                        "personen[2].bsn",
                        "partijen[0].partij",
                        "partijen[1].categorieen",
                        "partijen[2].partij");
        assertThat(violations.toString()).doesNotContain(Household.INVALID).doesNotContain(Household.CLIENT);
    }

    @Test
    void unknownPurposeAndNoPartiesAreRefused() {
        DataRequest bad = new DataRequest(
                "nieuwsgierig",
                "x",
                "x",
                Trigger.HULPVRAAG,
                "Z-1",
                List.of(new Subject(Household.CLIENT, Role.CLIENT)),
                List.of(),
                null);

        assertThat(rules(bad)).containsExactly(Rule.ONBEKEND_DOEL, Rule.GEEN_PARTIJEN);
    }

    static DataRequest asking(String purpose, String motivation, PartyQuestion... questions) {
        return new DataRequest(
                purpose,
                "lb-" + purpose,
                purpose,
                Trigger.HULPVRAAG,
                "Z-1",
                List.of(new Subject(Household.CLIENT, Role.CLIENT)),
                List.of(questions),
                motivation);
    }

    @Test
    void explorationMayOnlyAskTheExplorationCategories() {
        GatewayConfig lenient = withRules(
                strict(List.of("bekend-bij"), 2),
                List.of(purpose("verkenning", List.of("bekend-bij", "schulden"), false, false, false)));

        List<Violation> violations = new RequestPolicy(lenient, CATALOGUE)
                .check(asking("verkenning", null, new PartyQuestion("woon", List.of("schulden"))));

        assertThat(violations).extracting(Violation::rule).containsExactly(Rule.FASE);
    }

    @Test
    void namingMorePartiesThanThePurposeAllowsIsBulk() {
        GatewayConfig many = withRules(strict(null, 1), CONFIG.purposes());

        List<Violation> violations = new RequestPolicy(many, CATALOGUE)
                .check(asking(
                        "onderzoek",
                        null,
                        new PartyQuestion("ggz", List.of("bekend-bij")),
                        new PartyQuestion("woon", List.of("bekend-bij"))));

        assertThat(violations).extracting(Violation::rule).containsExactly(Rule.BULKVERZOEK);
    }

    @Test
    void askingEveryConfiguredPartyIsBulk() {
        GatewayConfig roomy = withRules(strict(null, 10), CONFIG.purposes());

        List<Violation> violations = new RequestPolicy(roomy, CATALOGUE)
                .check(asking(
                        "onderzoek",
                        null,
                        new PartyQuestion("ggz", List.of("bekend-bij")),
                        new PartyQuestion("woon", List.of("bekend-bij")),
                        new PartyQuestion("school", List.of("bekend-bij"))));

        assertThat(violations).extracting(Violation::rule).containsExactly(Rule.BULKVERZOEK);
    }

    @Test
    void askingEveryCategoryOfAPartyIsBulkUnlessThePurposeAllowsIt() {
        DataRequest all = asking("onderzoek", null, new PartyQuestion("woon", List.of("bekend-bij", "schulden")));
        assertThat(rules(all)).containsExactly(Rule.BULKVERZOEK);

        GatewayConfig allowing = withRules(
                null,
                List.of(new GatewayConfig.Purpose(
                        "onderzoek",
                        "onderzoek",
                        new GatewayConfig.LegalBasis("lb-onderzoek", "t"),
                        List.of("bekend-bij", "schulden"),
                        false,
                        false,
                        false,
                        null,
                        true,
                        null)));
        assertThat(new RequestPolicy(allowing, CATALOGUE).check(all)).isEmpty();
    }

    @Test
    void aPartyOfferingOneCategoryMayBeAskedIt() {
        assertThat(rules(asking("verkenning", null, new PartyQuestion("school", List.of("bekend-bij")))))
                .isEmpty();
    }

    @Test
    void subjectNeverPrintsItsBsn() {
        assertThat(new Subject(Household.CLIENT, Role.CLIENT).toString()).doesNotContain(Household.CLIENT);
    }

    @Test
    void aSmallConfigurationMayAskEveryPartyAndEveryCategoryWithTheDefaults() {
        GatewayConfig defaults = withRules(null, CONFIG.purposes());

        List<Violation> violations = new RequestPolicy(defaults, CATALOGUE)
                .check(asking(
                        "onderzoek",
                        null,
                        new PartyQuestion("ggz", List.of("bekend-bij")),
                        new PartyQuestion("woon", List.of("bekend-bij", "schulden")),
                        new PartyQuestion("school", List.of("bekend-bij"))));

        assertThat(violations).isEmpty();
    }

    @Test
    void limitsOfAPhaseOverrideTheGeneralOnes() {
        GatewayConfig perPhase = withRules(
                new GatewayConfig.CollectionRules(
                        null, 10, null, null, Map.of("onderzoek", new GatewayConfig.PhaseLimits(1, null, 2))),
                CONFIG.purposes());

        List<Violation> violations = new RequestPolicy(perPhase, CATALOGUE)
                .check(asking(
                        "onderzoek",
                        null,
                        new PartyQuestion("ggz", List.of("bekend-bij")),
                        new PartyQuestion("woon", List.of("bekend-bij", "schulden"))));

        assertThat(violations)
                .extracting(Violation::rule, Violation::path)
                .containsExactly(
                        tuple(Rule.BULKVERZOEK, "partijen"), tuple(Rule.BULKVERZOEK, "partijen[1].categorieen"));
    }

    @Test
    void refusalsNeverRepeatAnUnknownSubmittedName() {
        List<Violation> violations = policy.check(
                asking("geheim-doel-999990019", null, new PartyQuestion("partij-999990019", List.of("bekend-bij"))));

        assertThat(violations).isNotEmpty();
        assertThat(violations).allSatisfy(v -> assertThat(v.detail()).doesNotContain("999990019"));
    }
}
