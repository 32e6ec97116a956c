package nl.wams.gateway.provider;

import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.request.DataRequest;

/**
 * Provider role: what this party releases to whom. An organisation is served only for the purposes
 * configured for it; a served request keeps this party's own purpose register (the same rules a
 * requester applies); and each category is released automatically, after a professional's
 * review, or never (default deny: a category without a policy is never released).
 */
final class ReleasePolicy {

    private final GatewayConfig.Provider provider;
    private final RequestPolicy policy;

    ReleasePolicy(GatewayConfig.Provider provider, RequestPolicy policy) {
        this.provider = provider;
        this.policy = policy;
    }

    /** True when the organisation with this OIN is served for this purpose. */
    boolean serves(String requesterOin, String purpose) {
        return provider.served(requesterOin)
                .map(s -> s.purposes().contains(purpose))
                .orElse(false);
    }

    /**
     * The rules of this party's purpose register a served request breaks (every one, not the
     * first); none for a request this party does not serve (it is refused for that reason).
     */
    List<Violation> violations(String requesterOin, DataRequest request, List<String> categories) {
        if (!serves(requesterOin, request.purpose())) {
            return List.of();
        }
        return policy.checkIncoming(
                request, categories, List.copyOf(provider.releasePolicy().keySet()));
    }

    /** The asked categories by how they are released. */
    record Split(List<String> automatic, List<String> review, List<String> never) {}

    Split split(List<String> categories) {
        List<String> automatic = new ArrayList<>();
        List<String> review = new ArrayList<>();
        List<String> never = new ArrayList<>();
        for (String category : categories) {
            switch (provider.releasePolicy().getOrDefault(category, GatewayConfig.Release.NOOIT)) {
                case AUTOMATISCH -> automatic.add(category);
                case BEOORDELING -> review.add(category);
                case NOOIT -> never.add(category);
            }
        }
        return new Split(List.copyOf(automatic), List.copyOf(review), List.copyOf(never));
    }
}
