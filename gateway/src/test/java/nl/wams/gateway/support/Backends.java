package nl.wams.gateway.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Stand-ins for parties' backends (WireMock only ever stands in for a backend). */
public final class Backends {

    private Backends() {}

    /**
     * The {@code @Order} of a {@link GatewayExtension}: after every extension without one (JUnit
     * gives those {@code Integer.MAX_VALUE / 2}), so the backends listen before the gateway starts.
     */
    public static final int AFTER_BACKENDS = Integer.MAX_VALUE;

    /** A backend on a free port, started before the test class and stopped after it. */
    public static WireMockExtension wireMock() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort())
                .build();
    }
}
