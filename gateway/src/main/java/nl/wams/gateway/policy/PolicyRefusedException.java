package nl.wams.gateway.policy;

import java.util.List;

/** The request breaks one or more rules; nothing was sent. The first violation decides the status. */
public final class PolicyRefusedException extends RuntimeException {

    private final transient List<Violation> violations;

    public PolicyRefusedException(List<Violation> violations) {
        super("request refused: " + violations.get(0).rule(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
