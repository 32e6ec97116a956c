package nl.wams.adapters.soap;

import jakarta.xml.ws.WebServiceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.regex.Pattern;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * What every SOAP adapter's CXF client shares: bounded answer size and text length, timeouts, no
 * redirects, TLS with host name checks; and how a transport failure is told from an answer the
 * gateway cannot trust.
 */
final class SoapClients {

    private static final Pattern SERVER_ERROR = Pattern.compile("HTTP response '5\\d\\d");

    private SoapClients() {}

    /** A CXF client proxy for {@code service} at the settings' URL, with the gateway's limits. */
    static <T> T create(Class<T> service, SoapAdapterSettings settings) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(service);
        factory.setAddress(settings.url().toString());
        T port = service.cast(factory.create());
        Client client = ClientProxy.getClient(port);
        client.getInInterceptors().add(new AnswerSizeLimit(settings.maxAnswerBytes()));
        client.getRequestContext()
                .put("org.apache.cxf.stax.maxTextLength", (int) Math.min(settings.maxAnswerBytes(), 1 << 20));
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(settings.timeout().toMillis());
        policy.setReceiveTimeout(settings.timeout().toMillis());
        policy.setAutoRedirect(false);
        conduit.setClient(policy);
        if (settings.sslContext() != null) {
            TLSClientParameters tls = new TLSClientParameters();
            tls.setSslContext(settings.sslContext());
            tls.setDisableCNCheck(false);
            conduit.setTlsClientParameters(tls);
        }
        return port;
    }

    /** Why a call failed: the service could not be reached, or what came back cannot be trusted. */
    sealed interface Failure {
        String reason();

        record Unreachable(String reason) implements Failure {}

        record Invalid(String reason) implements Failure {}
    }

    static Failure classify(WebServiceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AnswerSizeLimit.TooLargeException tooLarge) {
                return new Failure.Invalid(tooLarge.getMessage());
            }
            if (t instanceof InterruptedIOException) {
                return new Failure.Unreachable("no answer within the timeout");
            }
            if (t instanceof ConnectException || t instanceof SocketException) {
                return new Failure.Unreachable(
                        "connection failed: " + t.getClass().getSimpleName());
            }
            if (t.getMessage() != null && SERVER_ERROR.matcher(t.getMessage()).find()) {
                return new Failure.Unreachable("backend answered with a server error");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && !(t.getClass().getName().contains("xml"))) {
                return new Failure.Unreachable(
                        "connection failed: " + t.getClass().getSimpleName());
            }
        }
        return new Failure.Invalid("answer is not a valid SOAP message of the contract");
    }
}
