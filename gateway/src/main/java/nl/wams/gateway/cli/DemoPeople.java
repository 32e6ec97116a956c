package nl.wams.gateway.cli;

import java.util.List;
import java.util.Map;
import nl.wams.demoidp.DemoIdentityProvider.Person;

/**
 * The fictional people of the demo, per organisation, with the role claims their organisation's
 * provider gives them (each demo configuration maps those to gateway roles under {@code web.oidc.roles}).
 * Demo passwords only: printed by {@code demo}, never for anything real.
 */
final class DemoPeople {

    private DemoPeople() {}

    static final Map<String, List<Person>> BY_GATEWAY = Map.of(
            "gemeente",
            List.of(
                    new Person(
                            "coordinator",
                            "demo-coordinator",
                            "Sanne Jansen (coördinator)",
                            List.of("wams-coordinator")),
                    new Person("privacy", "demo-privacy", "Ahmed El Amrani (privacy officer)", List.of("wams-privacy")),
                    new Person("beheer", "demo-beheer", "Joris de Wit (beheerder)", List.of("wams-beheer")),
                    new Person(
                            "meldpunt", "demo-meldpunt", "Yara Koster (medewerker meldpunt)", List.of("wams-meldpunt")),
                    new Person("huisarts", "demo-huisarts", "Dr. Bram Hendriks (huisarts)", List.of("wams-melder"))),
            "ggz-noordkust",
            List.of(
                    new Person(
                            "behandelaar",
                            "demo-behandelaar",
                            "Dr. Eva Visser (behandelaar)",
                            List.of("wams-behandelaar")),
                    new Person("privacy", "demo-privacy", "Lotte Smit (privacy officer)", List.of("wams-privacy")),
                    new Person("beheer", "demo-beheer", "Kees Mulder (beheerder)", List.of("wams-beheer"))),
            "woonstichting-de-haven",
            List.of(
                    new Person(
                            "consulent", "demo-consulent", "Fatima Ouali (woonconsulent)", List.of("wams-consulent")),
                    new Person("privacy", "demo-privacy", "Pieter Bos (privacy officer)", List.of("wams-privacy")),
                    new Person("beheer", "demo-beheer", "Noor de Groot (beheerder)", List.of("wams-beheer"))));
}
