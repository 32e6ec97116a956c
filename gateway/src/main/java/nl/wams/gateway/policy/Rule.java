package nl.wams.gateway.policy;

import java.util.Locale;

/**
 * A rule a data request, or a case of the coordinated approach, can break. The code is part of the problem {@code type} URI and never
 * changes; the HTTP status says whether the input was malformed (400) or understood but not
 * allowed under the purpose register (422).
 */
public enum Rule {
    ONGELDIG_BSN(400, "BSN voldoet niet aan de elfproef"),
    DUBBELE_PERSOON(400, "Persoon komt meer dan eens voor"),
    ONBEKEND_DOEL(422, "Doel staat niet in het doelenregister"),
    GRONDSLAG_ONJUIST(422, "Grondslag hoort niet bij het doel"),
    FASE(422, "Fase past niet bij het doel of bij de gevraagde categorie"),
    BULKVERZOEK(422, "Bulkverzoek: vraag stapsgewijs, alleen bij genoemde partijen"),
    GEEN_PARTIJEN(422, "Er is geen partij genoemd"),
    ONBEKENDE_PARTIJ(422, "Partij is niet geconfigureerd"),
    DUBBELE_PARTIJ(422, "Partij is meer dan eens genoemd"),
    GEEN_CATEGORIEEN(422, "Er is geen categorie gevraagd aan een partij"),
    CATEGORIE_NIET_AANGEBODEN(422, "Partij levert deze categorie niet"),
    CATEGORIE_BUITEN_DOEL(422, "Categorie is niet toegestaan voor dit doel"),
    MOTIVERING_VERPLICHT(422, "Motivering ontbreekt"),
    BIJZONDERE_GEGEVENS(422, "Bijzondere persoonsgegevens (AVG art. 9) niet toegestaan of niet gemotiveerd"),
    STRAFRECHTELIJKE_GEGEVENS(422, "Strafrechtelijke gegevens (AVG art. 10) niet toegestaan of niet gemotiveerd"),
    // Rules of a case of the coordinated approach and of data the college provides (not of a data request).
    COORDINATOR_VERPLICHT(422, "Bij twee of meer wetten van het sociaal domein is een coördinator verplicht"),
    AFZIEN_COORDINATOR_ALLEEN_BIJ_HULPVRAAG(
            422, "Alleen de cliënt die zelf om hulp vroeg kan afzien van een coördinator"),
    PERSOON_NIET_IN_ZAAK(422, "Persoon hoort niet bij de zaak"),
    GEGEVENS_BUITEN_CATALOGUS(400, "Categorie, veld of waarde past niet bij de catalogus"),
    GEEN_GEGEVENS_VOOR_VERSTREKKING(422, "Niets van deze gegevens mag volgens het uitgaande profiel naar deze partij");

    private final int status;
    private final String title;

    Rule(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Kebab-case slug used in the problem type URI, e.g. {@code categorie-buiten-doel}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
