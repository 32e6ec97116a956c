package nl.wams.gateway.support;

import jakarta.servlet.ServletConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/** A real CXF SOAP endpoint on an embedded Tomcat, for the stand-ins of the parties' and desks' SOAP services. */
final class CxfTomcat {

    private CxfTomcat() {}

    /** Serves {@code service} at {@code /soap<address>} on {@code connector}; started. */
    static Tomcat start(Path workDir, Connector connector, String address, Object service) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(workDir).toString());
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(
                "", Files.createDirectories(workDir.resolve("docs")).toString());
        Tomcat.addServlet(context, "cxf", new CXFNonSpringServlet() {
            @Override
            protected void loadBus(ServletConfig config) {
                super.loadBus(config);
                BusFactory.setDefaultBus(getBus());
                JaxWsServerFactoryBean server = new JaxWsServerFactoryBean();
                server.setBus(getBus());
                server.setServiceBean(service);
                server.setAddress(address);
                server.create();
            }
        });
        context.addServletMappingDecoded("/soap/*", "cxf");
        tomcat.start();
        return tomcat;
    }
}
