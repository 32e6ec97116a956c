package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.federation.DemoPki;
import nl.wams.gateway.support.Browser;
import nl.wams.gateway.support.Household;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * The web interface in a real headless Chromium against the demo federation (its OIDC providers,
 * gateways and backends), the way a coordinator, a GGZ professional and a privacy officer use it.
 * Every screen passes axe-core at WCAG 2.1 A and AA and is saved to {@code docs/screenshots/}.
 * Uses the demo's ports: do not run it while a demo is running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebInterfaceIT {

    static final String GEMEENTE = "https://127.0.0.1:8443";
    static final String GGZ = "https://127.0.0.1:8444";
    static final Duration WAIT = Duration.ofSeconds(20);

    static DemoCommand.DemoFederation demo;

    @TempDir
    static Path downloads;

    @BeforeAll
    static void startTheDemo() throws Exception {
        demo = DemoCommand.DemoFederation.start(DemoIT.CONFIG, true);
    }

    @AfterAll
    static void stopTheDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    static void login(Browser browser, String gateway, String user, String password) {
        WebDriver d = browser.driver();
        d.get(gateway + "/");
        await(d, WAIT).until(x -> !x.findElements(By.id("username")).isEmpty());
        find(d, By.id("username")).sendKeys(user);
        find(d, By.id("password")).sendKeys(password);
        find(d, By.cssSelector("button[type=submit]")).click();
        await(d, WAIT)
                .until(x ->
                        x.getCurrentUrl().startsWith(gateway) && x.getTitle().startsWith("Start"));
    }

    /**
     * The page's main text once it contains {@code expected}: after a click the old page may still
     * be there, or be replaced while it is read.
     */
    static String mainText(WebDriver driver, String expected) {
        return await(driver, WAIT).until(x -> {
            String text = x.findElement(By.tagName("main")).getText();
            return text.contains(expected) ? text : null;
        });
    }

    static String h1(Browser browser) {
        return find(browser.driver(), By.tagName("h1")).getText();
    }

    /**
     * A bounded wait that looks again when the page is replaced under it (a click's next page, an
     * htmx swap) instead of failing on the old page's elements.
     */
    static FluentWait<WebDriver> await(WebDriver driver, Duration timeout) {
        return new WebDriverWait(driver, timeout)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class);
    }

    /** The element, once the page shows it (bounded wait: after a click, the next page may still load). */
    static WebElement find(WebDriver driver, By by) {
        return await(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Waits (bounded) until the page's heading is {@code text}: after a click, the next page may still load. */
    static void heading(Browser browser, String text) {
        await(browser.driver(), WAIT)
                .until(x -> x.findElements(By.tagName("h1")).stream()
                        .anyMatch(h -> h.getText().equals(text)));
    }

    /** Composes a request through the form; returns the browser on the preview page. */
    static void compose(Browser browser, String caseRef, String motivation, String... questions) {
        WebDriver d = browser.driver();
        d.get(GEMEENTE + "/verzoeken/nieuw");
        find(d, By.id("doel-onderzoek")).click();
        find(d, By.cssSelector("main form button[type=submit]")).click();
        heading(browser, "Nieuw gegevensverzoek");
        find(d, By.id("zaakkenmerk")).sendKeys(caseRef);
        find(d, By.id("motivering")).sendKeys(motivation);
        find(d, By.id("personen0.bsn")).sendKeys(Household.CLIENT);
        for (String question : questions) {
            find(d, By.id("vraag-" + question)).click();
        }
    }

    @Test
    @Order(1)
    void aCoordinatorComposesARequestSeesWhatWouldPassAndGetsAPartialRelease() throws Exception {
        try (Browser browser = Browser.start(downloads)) {
            login(browser, GEMEENTE, "coordinator", "demo-coordinator");
            browser.accessible();
            browser.screenshot("start-coordinator");
            WebDriver d = browser.driver();

            d.get(GEMEENTE + "/verzoeken/nieuw");
            browser.accessible();
            browser.screenshot("verzoek-doel");
            find(d, By.id("doel-onderzoek")).click();
            find(d, By.cssSelector("main form button[type=submit]")).click();
            // An invalid BSN is refused on submit, also without JavaScript, and named in the summary.
            find(d, By.id("personen0.bsn")).sendKeys("123456789");
            find(d, By.cssSelector("main form button[type=submit]")).click();
            assertThat(find(d, By.id("foutoverzicht")).getText())
                    .contains("BSN in rij 1 klopt niet")
                    .contains("zaakkenmerk");
            browser.accessible();
            find(d, By.id("personen0.bsn")).clear();

            find(d, By.id("zaakkenmerk")).sendKeys("VBS-WEB-0001");
            find(d, By.id("motivering"))
                    .sendKeys("Wij onderzoeken de hulpvraag van het gezin in samenhang met de woonsituatie.");
            find(d, By.id("personen0.bsn")).sendKeys(Household.CLIENT);
            // The 11-test as you type.
            await(d, WAIT)
                    .until(x -> x.findElement(By.id("personen0.bsn-status"))
                            .getText()
                            .contains("klopt"));
            find(d, By.id("vraag-woonstichting-de-haven-huurachterstand")).click();
            browser.accessible();
            browser.screenshot("verzoek-opstellen");
            find(d, By.cssSelector("main form button[type=submit]")).click();

            heading(browser, "Controleer wat er verstuurd wordt");
            assertThat(find(d, By.tagName("main")).getText())
                    .contains("huurachterstand")
                    .contains("bedrag");
            browser.accessible();
            browser.screenshot("verzoek-voorbeeld");
            find(d, By.xpath("//button[normalize-space()='Verzoek versturen']")).click();

            await(d, WAIT).until(x -> x.getTitle().startsWith("Resultaat verzoek"));
            assertThat(d.getCurrentUrl()).doesNotContain(Household.CLIENT);
            String result = find(d, By.id("resultaten")).getText();
            assertThat(result).contains("Woonstichting De Haven").contains("Gedeeltelijk verstrekt");
            assertThat(result).contains("Verwijderd door de gateway");
            browser.accessible();
            browser.screenshot("verzoek-resultaat");

            d.get(GEMEENTE + "/verzoeken");
            mainText(d, "Zaak VBS-WEB-0001"); // waits for the text, fails without it
            browser.accessible();
        }
    }

    @Test
    @Order(2)
    void aProfessionalRefusesAHeldRequestAndTheCoordinatorsPageShowsIt() throws Exception {
        try (Browser coordinator = Browser.start(downloads);
                Browser professional = Browser.start(downloads)) {
            login(coordinator, GEMEENTE, "coordinator", "demo-coordinator");
            compose(
                    coordinator,
                    "VBS-WEB-0002",
                    "De behandeling is nodig om de zorg rond het gezin af te stemmen met de wijkcoach.",
                    "ggz-noordkust-ggz-behandeling");
            WebDriver c = coordinator.driver();
            find(c, By.cssSelector("main form button[type=submit]")).click();
            find(c, By.xpath("//button[normalize-space()='Verzoek versturen']")).click();
            await(c, WAIT).until(x -> x.getTitle().startsWith("Resultaat verzoek"));
            assertThat(find(c, By.id("resultaten")).getText()).contains("In behandeling");

            login(professional, GGZ, "behandelaar", "demo-behandelaar");
            WebDriver p = professional.driver();
            p.get(GGZ + "/beoordelingen");
            professional.accessible();
            professional.screenshot("beoordelingen");
            find(p, By.cssSelector("main table tbody tr:last-child a")).click();
            assertThat(find(p, By.tagName("main")).getText())
                    .contains("VBS-WEB-0002")
                    .contains("ggz-behandeling");
            professional.accessible();
            professional.screenshot("beoordeling");
            find(p, By.id("besluit-weigeren")).click();
            new Select(find(p, By.id("grond"))).selectByValue("BEROEPSGEHEIM");
            find(p, By.id("motivering")).sendKeys("De behandelrelatie weegt zwaarder; de cliënt stemt niet in.");
            find(p, By.xpath("//button[normalize-space()='Verder naar bevestigen']"))
                    .click();
            heading(professional, "Besluit bevestigen");
            professional.accessible();
            professional.screenshot("beoordeling-bevestigen");
            find(p, By.xpath("//button[normalize-space()='Besluit vastleggen']"))
                    .click();
            heading(professional, "Verzoek beoordelen");
            mainText(p, "geweigerd"); // waits for the text, fails without it

            // The coordinator's page updates itself (htmx) once the requester gateway has polled the answer.
            await(c, Duration.ofSeconds(60))
                    .until(x -> x.findElement(By.id("resultaten")).getText().contains("Geweigerd"));
            assertThat(find(c, By.id("resultaten")).getText()).contains("beroepsgeheim");
            coordinator.accessible();
        }
    }

    @Test
    @Order(3)
    void aPrivacyOfficerFindsTheRecordsOfAPersonAndDownloadsTheAccessReport() throws Exception {
        try (Browser browser = Browser.start(downloads)) {
            login(browser, GEMEENTE, "privacy", "demo-privacy");
            WebDriver d = browser.driver();
            d.get(GEMEENTE + "/verwerkingen");
            browser.accessible();
            find(d, By.id("bsn")).sendKeys(Household.CLIENT);
            find(d, By.xpath("//button[normalize-space()='Zoeken']")).click();
            String found = mainText(d, "over deze persoon");
            assertThat(found).contains("VBS-WEB-0001").contains("VBS-WEB-0002");
            assertThat(d.getCurrentUrl()).doesNotContain(Household.CLIENT);
            assertThat(d.getPageSource()).doesNotContain(Household.CLIENT);
            browser.accessible();
            browser.screenshot("verwerkingen");

            d.get(GEMEENTE + "/verwerkingen/keten");
            mainText(d, "Intact"); // waits for the text, fails without it
            browser.accessible();
            browser.screenshot("integriteit");

            d.get(GEMEENTE + "/inzage");
            find(d, By.id("bsn")).sendKeys(Household.CLIENT);
            find(d, By.xpath("//button[normalize-space()='Overzicht maken']")).click();
            assertThat(find(d, By.tagName("h2")).getText()).startsWith("Verwerkingen over");
            browser.accessible();
            browser.screenshot("inzage");
            find(d, By.xpath("//button[contains(normalize-space(),'Overzicht downloaden')]"))
                    .click();
            Path report = downloads.resolve("inzage-verwerkingen.html");
            await(d, WAIT).until(x -> Files.exists(report));
            assertThat(Files.readString(report))
                    .contains("Gemeente Voorbeeldstad")
                    .contains("onderzoek")
                    .doesNotContain(Household.CLIENT);
        }
    }

    @Test
    @Order(7) // last: its records would push the earlier tests' records off the first page
    void aPersonsSearchPagesOnWithoutTheBsnInAnyPageOrUrlAndEachLookIsRecorded() throws Exception {
        // More records about the client than one page holds (50): written straight into the log.
        var gemeente = demo.gateway("gemeente");
        String pseudonym = gemeente.getBean(Pseudonyms.class).of(Household.CLIENT);
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            entries.add(
                    AuditEntry.of(AuditEvent.INZAGEVERZOEK, UUID.randomUUID().toString())
                            .subjects(List.of(pseudonym))
                            .purpose(null, null, null, "VBS-WEB-PAGINA")
                            .build());
        }
        gemeente.getBean(AuditLog.class).append(TraceIds.of(UUID.randomUUID().toString()), entries);

        try (Browser browser = Browser.start(downloads)) {
            login(browser, GEMEENTE, "privacy", "demo-privacy");
            WebDriver d = browser.driver();
            d.get(GEMEENTE + "/verwerkingen");
            find(d, By.id("zaakkenmerk")).sendKeys("VBS-WEB-PAGINA");
            find(d, By.id("bsn")).sendKeys(Household.CLIENT);
            find(d, By.xpath("//button[normalize-space()='Zoeken']")).click();
            await(d, WAIT)
                    .until(x -> x.findElement(By.tagName("main")).getText().contains("Pagina 1 van 2"));
            mainText(d, "55 vastlegging(en) over deze persoon"); // waits for the text, fails without it

            find(d, By.xpath("//button[normalize-space()='Volgende']")).click();

            await(d, WAIT)
                    .until(x -> x.findElement(By.tagName("main")).getText().contains("Pagina 2 van 2"));
            mainText(d, "over deze persoon"); // waits for the text, fails without it
            assertThat(d.findElements(By.xpath("//tbody/tr"))).hasSize(5);
            assertThat(d.getCurrentUrl()).doesNotContain(Household.CLIENT);
            assertThat(d.getPageSource()).doesNotContain(Household.CLIENT);
            browser.accessible();
        }
        // Each look at the person's records is itself in the log: who looked, at whom (pseudonym), how much.
        assertThat(gemeente.getBean(AuditStore.class).bySubject(pseudonym))
                .filteredOn(r -> r.entry().event() == AuditEvent.LOGBOEK_DOORZOCHT)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> {
                    assertThat(r.entry().userRef()).isNotBlank();
                    assertThat(r.entry().motivation()).endsWith("vastlegging(en)");
                });
    }

    @Test
    @Order(4)
    void aCoordinatorGetsNoAccessToTheLogAndLoggingOutEndsTheSession() throws Exception {
        try (Browser browser = Browser.start(downloads)) {
            login(browser, GEMEENTE, "coordinator", "demo-coordinator");
            WebDriver d = browser.driver();
            for (String page : List.of("/verwerkingen", "/inzage", "/beoordelingen", "/register")) {
                d.get(GEMEENTE + page);
                assertThat(h1(browser)).as(page).isEqualTo("Geen toegang");
            }
            browser.accessible();
            browser.screenshot("geen-toegang");

            find(d, By.xpath("//button[normalize-space()='Afmelden']")).click();
            heading(browser, "U bent afgemeld");
            assertThat(d.getCurrentUrl()).isEqualTo(GEMEENTE + "/afgemeld");
            browser.accessible();
            // Logging out ended the session at the provider too: the next page asks for a password again.
            d.get(GEMEENTE + "/verzoeken");
            await(d, WAIT).until(x -> !x.findElements(By.id("password")).isEmpty());
            assertThat(d.getCurrentUrl()).startsWith("http://127.0.0.1:8543/login");
        }
    }

    @Test
    @Order(5)
    void aSessionEndsAfterTheIdleTimeoutAndPostsWithoutACsrfTokenAreRefused() throws Exception {
        try (Browser browser = Browser.start(downloads)) {
            login(browser, GEMEENTE, "coordinator", "demo-coordinator");
            WebDriver d = browser.driver();
            Cookie session = d.manage().getCookieNamed("WAMS_00000099000000000001");
            assertThat(session).isNotNull();
            assertThat(session.isSecure()).isTrue();
            assertThat(session.isHttpOnly()).isTrue();

            HttpResponse<String> forged = https().send(
                            HttpRequest.newBuilder(URI.create(GEMEENTE + "/verzoeken"))
                                    .header("Cookie", session.getName() + "=" + session.getValue())
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("doel=onderzoek&aanleiding=HULPVRAAG"
                                            + "&zaakkenmerk=VBS-CSRF&personen[0].bsn=" + Household.CLIENT
                                            + "&personen[0].rol=CLIENT&vragen=woonstichting-de-haven:huurachterstand"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

            // The configured idle timeout is the session's; once it has passed, the next page asks to log in again.
            Manager sessions = sessionManager();
            Session live = Stream.of(sessions.findSessions())
                    .filter(s -> s.getIdInternal().equals(session.getValue()))
                    .findFirst()
                    .orElseThrow();
            assertThat(live.getMaxInactiveInterval()).isEqualTo(15 * 60);
            live.expire();
            d.get(GEMEENTE + "/verzoeken");
            assertThat(h1(browser)).isEqualTo("Uw sessie is verlopen");
            browser.accessible();
            browser.screenshot("sessie-verlopen");
        }
    }

    @Test
    @Order(6)
    void anEngineerReadsTheRegisterAndPartyHealthAndEveryDecisionIsInTheLogAsThePersons() throws Exception {
        try (Browser engineer = Browser.start(downloads);
                Browser officer = Browser.start(downloads)) {
            login(engineer, GEMEENTE, "beheer", "demo-beheer");
            WebDriver d = engineer.driver();
            d.get(GEMEENTE + "/register");
            assertThat(find(d, By.tagName("main")).getText())
                    .contains("Doel onderzoek")
                    .contains("Profiel onderzoek / huurachterstand");
            engineer.accessible();
            engineer.screenshot("doelenregister");
            d.get(GEMEENTE + "/partijen");
            assertThat(find(d, By.tagName("main")).getText())
                    .contains("woonstichting-de-haven")
                    .contains("dicht");
            engineer.accessible();
            engineer.screenshot("partijen");

            // The GGZ professional's refusal (test 2) is in the provider's log under their name.
            login(officer, GGZ, "privacy", "demo-privacy");
            WebDriver o = officer.driver();
            o.get(GGZ + "/verwerkingen?gebeurtenis=BEOORDELINGSBESLUIT");
            assertThat(find(o, By.cssSelector("main table tbody")).getText())
                    .contains("BEOORDELINGSBESLUIT")
                    .contains("BEROEPSGEHEIM")
                    .contains("behandelaar");
            officer.accessible();
        }
    }

    @Test
    @Order(8)
    void aCoordinatorKeepsACaseProvidesDataAndTheReceivingProfessionalAdoptsIt() throws Exception {
        try (Browser coordinator = Browser.start(downloads);
                Browser professional = Browser.start(downloads)) {
            login(coordinator, GEMEENTE, "coordinator", "demo-coordinator");
            WebDriver c = coordinator.driver();
            c.get(GEMEENTE + "/zaken/nieuw");
            coordinator.accessible();
            find(c, By.id("zaakkenmerk")).sendKeys("VBS-WEB-0008");
            find(c, By.id("client")).sendKeys(Household.CLIENT);
            find(c, By.id("wet-WMO_2015")).click();
            find(c, By.id("wet-PARTICIPATIEWET")).click();
            find(c, By.id("partij-ggz-noordkust")).click();
            find(c, By.xpath("//button[normalize-space()='Zaak vastleggen']")).click();
            // Two social-domain laws and no coordinator: refused, the form shows why.
            assertThat(mainText(c, "wijs een coördinator aan")).contains("Er is iets niet goed ingevuld");
            find(c, By.id("wet-WMO_2015")).click();
            find(c, By.id("wet-PARTICIPATIEWET")).click();
            find(c, By.id("client")).clear();
            find(c, By.id("client")).sendKeys(Household.CLIENT);
            find(c, By.id("coordinatorNaam")).sendKeys("Sanne Jansen");
            find(c, By.id("coordinatorOrganisatie")).sendKeys("Gemeente Voorbeeldstad");
            find(c, By.xpath("//button[normalize-space()='Zaak vastleggen']")).click();
            heading(coordinator, "Zaak VBS-WEB-0008");
            assertThat(mainText(c, "Sanne Jansen"))
                    .contains("Het dossier is nog leeg")
                    .doesNotContain(Household.CLIENT);

            find(c, By.id("wat")).sendKeys("Aanmelden bij de schuldhulp");
            find(c, By.id("wie")).sendKeys("Sanne Jansen");
            find(c, By.xpath("//button[normalize-space()='Toevoegen']")).click();
            mainText(c, "Aanmelden bij de schuldhulp");

            new Select(find(c, By.id("partij"))).selectByValue("ggz-noordkust");
            new Select(find(c, By.id("categorie"))).selectByValue("schulden");
            find(c, By.id("gegevens")).sendKeys("totaalbedrag: 4200\nschuldhulpverleningSinds: 2025-03-01");
            find(c, By.id("reden-verstrekking")).sendKeys("De behandelaar stemt de behandeling af op de schulden.");
            find(c, By.xpath("//button[normalize-space()='Verstrekken']")).click();
            assertThat(mainText(c, "niet verstrekt: schulden.schuldhulpverleningSinds"))
                    .contains("ontvangen");
            coordinator.accessible();

            login(professional, GGZ, "behandelaar", "demo-behandelaar");
            WebDriver p = professional.driver();
            p.get(GGZ + "/ontvangen");
            professional.accessible();
            find(p, By.xpath("//tr[td[normalize-space()='VBS-WEB-0008']]//a")).click();
            assertThat(mainText(p, "totaalbedrag: 4200")).doesNotContain("schuldhulpverleningSinds: 2025");
            professional.accessible();
            find(p, By.id("besluit-overnemen")).click();
            find(p, By.xpath("//button[normalize-space()='Besluit vastleggen']"))
                    .click();
            mainText(p, "Noem de eigen taak"); // adopting needs the own task: refused until given
            find(p, By.id("besluit-overnemen")).click();
            find(p, By.id("motivering")).sendKeys("Nodig om de behandeling af te stemmen op het schuldhulptraject.");
            find(p, By.xpath("//button[normalize-space()='Besluit vastleggen']"))
                    .click();
            mainText(p, "overgenomen");

            c.get(GEMEENTE + "/zaken/VBS-WEB-0008/brief");
            await(c, WAIT).until(x -> x.getPageSource().contains("Uw rechten"));
            assertThat(c.getPageSource()).contains("Sanne Jansen").doesNotContain(Household.CLIENT);
        }
    }

    @Test
    @Order(9)
    void aCitizenReportsWithoutAnAccountAndTheReportingPointRoutesTheSignal() throws Exception {
        try (Browser citizen = Browser.start(downloads);
                Browser staff = Browser.start(downloads)) {
            WebDriver c = citizen.driver();
            c.get(GEMEENTE + "/meldpunt");
            heading(citizen, "Zorgen over iemand melden");
            citizen.accessible();
            find(c, By.xpath("//button[normalize-space()='Melding versturen']")).click();
            assertThat(mainText(c, "Er is iets niet goed ingevuld")).contains("Uw zorgen");
            citizen.accessible();

            // A robot fills in the field people never see: it gets the usual page, nothing is kept.
            find(c, By.id("zorgen")).sendKeys("Reclame voor goedkope horloges");
            ((org.openqa.selenium.JavascriptExecutor) c)
                    .executeScript("document.getElementById('website').value = 'http://spam.example';");
            find(c, By.xpath("//button[normalize-space()='Melding versturen']")).click();
            heading(citizen, "Uw melding is ontvangen");
            assertThat(c.findElements(By.id("referentie"))).isEmpty();

            // Acute: the emergency numbers at once, nothing kept.
            c.get(GEMEENTE + "/meldpunt");
            find(c, By.id("acuut-ja")).click();
            find(c, By.id("zorgen")).sendKeys("Mijn buurman ligt op de grond en reageert niet");
            find(c, By.xpath("//button[normalize-space()='Melding versturen']")).click();
            heading(citizen, "Acuut? Bel direct");
            assertThat(mainText(c, "112")).contains("0800-2000");
            citizen.accessible();

            c.get(GEMEENTE + "/meldpunt");
            find(c, By.id("naam")).sendKeys("J. de Boer");
            find(c, By.id("adres")).sendKeys("Havenstraat 12, Voorbeeldstad");
            find(c, By.id("zorgen")).sendKeys("Mijn buurman komt nauwelijks buiten en de brievenbus puilt uit.");
            find(c, By.id("contact-ja")).click();
            find(c, By.id("contactNaam")).sendKeys("M. Peeters");
            find(c, By.id("telefoon")).sendKeys("06-00000000");
            citizen.screenshot("meldpunt-formulier");
            find(c, By.xpath("//button[normalize-space()='Melding versturen']")).click();
            heading(citizen, "Uw melding is ontvangen");
            String reference = find(c, By.id("referentie")).getText();
            assertThat(reference).matches("M-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
            citizen.accessible();
            c.get(GEMEENTE + "/meldpunt/status?referentie=" + reference);
            assertThat(find(c, By.id("status")).getText()).isEqualTo("ontvangen");
            citizen.accessible();

            login(staff, GEMEENTE, "meldpunt", "demo-meldpunt");
            WebDriver s = staff.driver();
            s.get(GEMEENTE + "/meldpunt/werkvoorraad");
            staff.accessible();
            // Only the citizen's real signal: the robot's and the acute one were not taken in.
            assertThat(s.findElements(By.cssSelector("main tbody tr"))).hasSize(1);
            find(s, By.linkText(reference)).click();
            heading(staff, "Melding " + reference);
            assertThat(mainText(s, "brievenbus")).contains("M. Peeters, 06-00000000");
            staff.accessible();
            new Select(find(s, By.id("urgentie"))).selectByValue("MIDDEL");
            find(s, By.id("domein-WELZIJN")).click();
            find(s, By.xpath("//button[normalize-space()='Beoordeling opslaan']"))
                    .click();
            assertThat(mainText(s, "in beoordeling")).contains("Doorgeleiden");
            new Select(find(s, By.id("loket"))).selectByValue("wijkteam-voorbeeldstad");
            find(s, By.xpath("//button[normalize-space()='Doorgeleiden']")).click();
            assertThat(mainText(s, "WT-2026-0117")).contains("aangenomen", "doorgeleid");
            staff.accessible();
            staff.screenshot("meldpunt-melding");

            c.get(GEMEENTE + "/meldpunt/status?referentie=" + reference);
            assertThat(find(c, By.id("status")).getText()).isEqualTo("doorgeleid");
            assertThat(c.getPageSource()).doesNotContain("Wijkteam", "WT-2026-0117");
        }
    }

    static Manager sessionManager() {
        var context = (ServletWebServerApplicationContext) demo.gateway("gemeente");
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        return ((Context) tomcat.getHost().findChildren()[0]).getManager();
    }

    static HttpClient https() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(Path.of("../certs-example/trust.p12"))) {
            anchors.load(in, DemoPki.PASSWORD.toCharArray());
        }
        trust.init(anchors);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
