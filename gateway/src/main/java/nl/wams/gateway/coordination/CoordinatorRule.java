package nl.wams.gateway.coordination;

import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.policy.Rule;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.request.DataRequest;

/**
 * The Wams rule on coordinators, checked on every create and change of a case:
 * <ul>
 *   <li>two or more of the four social-domain laws involved: a coordinator must be designated;
 *   <li>one social-domain law and one adjacent domain: a coordinator is optional;
 *   <li>only in a client's own request for help ({@code HULPVRAAG}) may the client waive a
 *       coordinator, and the waiver is recorded with the case.
 * </ul>
 * Every broken rule is reported, as with data requests.
 */
final class CoordinatorRule {

    private CoordinatorRule() {}

    static List<Violation> check(Case.Details details) {
        List<Violation> violations = new ArrayList<>();
        boolean designated = details.coordinator() != null;
        if (details.coordinatorWaived()) {
            if (details.trigger() != DataRequest.Trigger.HULPVRAAG) {
                violations.add(new Violation(
                        Rule.AFZIEN_COORDINATOR_ALLEEN_BIJ_HULPVRAAG,
                        "coordinatorAfgezien",
                        "Afzien van een coördinator kan alleen bij een hulpvraag van de cliënt zelf."));
            }
            if (designated) {
                violations.add(new Violation(
                        Rule.AFZIEN_COORDINATOR_ALLEEN_BIJ_HULPVRAAG,
                        "coordinator",
                        "Een coördinator aanwijzen en ervan afzien gaan niet samen."));
            }
        } else if (!designated && details.laws().size() >= 2) {
            violations.add(new Violation(
                    Rule.COORDINATOR_VERPLICHT,
                    "coordinator",
                    "Er zijn " + details.laws().size()
                            + " wetten van het sociaal domein betrokken; wijs een coördinator aan."));
        }
        return violations;
    }
}
