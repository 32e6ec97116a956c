package nl.wams.gateway.request;

import java.util.List;
import nl.wams.adapters.AdapterRequest;

/**
 * A purpose-bound request for data from named parties about named subjects.
 *
 * @param purpose purpose id from the purpose register
 * @param legalBasis legal basis id; must be the purpose's
 * @param phase the phase the case is in; must be the purpose's
 * @param trigger how the case started
 * @param caseReference the municipality's case reference (zaakkenmerk)
 * @param subjects the data subjects
 * @param parties the parties asked, each with its categories
 * @param motivation why the data is necessary
 */
public record DataRequest(
        String purpose,
        String legalBasis,
        String phase,
        Trigger trigger,
        String caseReference,
        List<Subject> subjects,
        List<PartyQuestion> parties,
        String motivation) {

    public DataRequest {
        subjects = List.copyOf(subjects);
        parties = List.copyOf(parties);
    }

    public boolean hasMotivation() {
        return motivation != null && !motivation.isBlank();
    }

    /** The categories asked of one party; empty when it was not asked. */
    public List<String> categoriesAskedOf(String party) {
        return parties.stream()
                .filter(q -> q.party().equals(party))
                .findFirst()
                .map(PartyQuestion::categories)
                .orElse(List.of());
    }

    /** The subjects as an adapter receives them. */
    public List<AdapterRequest.Subject> adapterSubjects() {
        return subjects.stream()
                .map(s -> new AdapterRequest.Subject(s.bsn(), s.role().name()))
                .toList();
    }

    /** How a case started (docs/domain.md). */
    public enum Trigger {
        HULPVRAAG,
        VERZOEK_PROFESSIONAL
    }

    /** A data subject. The BSN is never printed. */
    public record Subject(String bsn, Role role) {
        @Override
        public String toString() {
            return "Subject[role=" + role + "]";
        }
    }

    /** The subject's role in the household. */
    public enum Role {
        CLIENT,
        GEZINSLID
    }

    /** One named party and the categories asked of it. */
    public record PartyQuestion(String party, List<String> categories) {
        public PartyQuestion {
            categories = List.copyOf(categories);
        }
    }
}
