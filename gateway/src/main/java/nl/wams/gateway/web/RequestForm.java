package nl.wams.gateway.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.wams.gateway.policy.Bsn;
import nl.wams.gateway.request.DataRequest;

/**
 * The coordinator's form for a data request, as the browser posts it. {@link #check} names what is
 * missing or wrong per field (never echoing a BSN in a message); {@link #toDataRequest} gives the
 * same request the API would take.
 */
public final class RequestForm {

    /** Rows for persons on the form. */
    static final int PERSON_ROWS = 4;

    private String doel;
    private String aanleiding = DataRequest.Trigger.HULPVRAAG.name();
    private String zaakkenmerk;
    private String motivering;
    private List<Person> personen = new ArrayList<>();
    /** Checked boxes, each {@code party:category}. */
    private List<String> vragen = new ArrayList<>();

    public static final class Person {
        private String bsn;
        private String rol = DataRequest.Role.CLIENT.name();

        public String getBsn() {
            return bsn;
        }

        public void setBsn(String bsn) {
            this.bsn = bsn;
        }

        public String getRol() {
            return rol;
        }

        public void setRol(String rol) {
            this.rol = rol;
        }

        boolean blank() {
            return bsn == null || bsn.isBlank();
        }

        @Override
        public String toString() {
            return "Person[rol=" + rol + "]";
        }
    }

    /** An empty form with rows for persons. */
    static RequestForm empty(String purpose) {
        RequestForm form = new RequestForm();
        form.doel = purpose;
        form.fillRows();
        return form;
    }

    /** Keeps {@link #PERSON_ROWS} rows, so a person can be added without JavaScript. */
    void fillRows() {
        while (personen.size() < PERSON_ROWS) {
            Person p = new Person();
            p.rol = personen.isEmpty() ? DataRequest.Role.CLIENT.name() : DataRequest.Role.GEZINSLID.name();
            personen.add(p);
        }
    }

    /** Field id to message, in form order; empty when the form can be checked against the policy. */
    Map<String, String> check() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(zaakkenmerk)) {
            errors.put("zaakkenmerk", "Vul het zaakkenmerk in.");
        } else if (zaakkenmerk.length() > 100) {
            errors.put("zaakkenmerk", "Het zaakkenmerk is te lang (ten hoogste 100 tekens).");
        }
        if (!names(DataRequest.Trigger.values()).contains(aanleiding)) {
            errors.put("aanleiding", "Kies de aanleiding.");
        }
        if (motivering != null && motivering.length() > 4000) {
            errors.put("motivering", "De motivering is te lang (ten hoogste 4000 tekens).");
        }
        boolean anyone = false;
        for (int i = 0; i < personen.size(); i++) {
            Person p = personen.get(i);
            if (p.blank()) {
                continue;
            }
            anyone = true;
            if (!Bsn.isValid(p.bsn.strip())) {
                errors.put(
                        "personen" + i + ".bsn",
                        "Het BSN in rij " + (i + 1) + " klopt niet (negen cijfers en de elfproef).");
            }
            if (!names(DataRequest.Role.values()).contains(p.rol)) {
                errors.put("personen" + i + ".rol", "Kies de rol in rij " + (i + 1) + ".");
            }
        }
        if (!anyone) {
            errors.put("personen0.bsn", "Vul het BSN van ten minste één persoon in.");
        }
        if (vragen.isEmpty()) {
            errors.put("vragen", "Kies ten minste één categorie bij een partij.");
        }
        return errors;
    }

    /**
     * The request as the API would take it.
     *
     * @param phase the purpose's phase
     * @param legalBasis the purpose's legal basis id
     */
    DataRequest toDataRequest(String phase, String legalBasis) {
        Map<String, List<String>> perParty = new LinkedHashMap<>();
        for (String question : vragen) {
            int colon = question.indexOf(':');
            if (colon > 0) {
                perParty.computeIfAbsent(question.substring(0, colon), k -> new ArrayList<>())
                        .add(question.substring(colon + 1));
            }
        }
        return new DataRequest(
                doel,
                legalBasis,
                phase,
                DataRequest.Trigger.valueOf(aanleiding),
                zaakkenmerk.strip(),
                personen.stream()
                        .filter(p -> !p.blank())
                        .map(p -> new DataRequest.Subject(p.bsn.strip(), DataRequest.Role.valueOf(p.rol)))
                        .toList(),
                perParty.entrySet().stream()
                        .map(e -> new DataRequest.PartyQuestion(e.getKey(), e.getValue()))
                        .toList(),
                blank(motivering) ? null : motivering.strip());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    public String getDoel() {
        return doel;
    }

    public void setDoel(String doel) {
        this.doel = doel;
    }

    public String getAanleiding() {
        return aanleiding;
    }

    public void setAanleiding(String aanleiding) {
        this.aanleiding = aanleiding;
    }

    public String getZaakkenmerk() {
        return zaakkenmerk;
    }

    public void setZaakkenmerk(String zaakkenmerk) {
        this.zaakkenmerk = zaakkenmerk;
    }

    public String getMotivering() {
        return motivering;
    }

    public void setMotivering(String motivering) {
        this.motivering = motivering;
    }

    public List<Person> getPersonen() {
        return personen;
    }

    public void setPersonen(List<Person> personen) {
        this.personen = personen;
    }

    public List<String> getVragen() {
        return vragen;
    }

    public void setVragen(List<String> vragen) {
        this.vragen = vragen;
    }

    @Override
    public String toString() {
        return "RequestForm[doel=" + doel + "]";
    }
}
