package nl.wams.adapters;

import java.util.Optional;

/**
 * Routes a signal of the reporting point to one desk (a {@code loket}): a REST service, a SOAP
 * service or the desk's own gateway. Like {@link PartyAdapter}, it never throws for a business
 * outcome: every answer is a {@link ReferralResult}.
 */
public interface ReferralAdapter {

    /** Offers the signal to the desk and returns what the desk answered. */
    ReferralResult route(Referral referral);

    /**
     * Where a signal the desk held ({@link ReferralResult.Held}) now stands; empty when the desk
     * cannot be asked (not a gateway, or not reachable now).
     */
    default Optional<ReferralResult> status(String deskReference) {
        return Optional.empty();
    }
}
