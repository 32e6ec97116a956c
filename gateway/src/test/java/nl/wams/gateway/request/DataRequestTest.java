package nl.wams.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.wams.adapters.AdapterRequest;
import nl.wams.gateway.support.Household;
import org.junit.jupiter.api.Test;

class DataRequestTest {

    final DataRequest request = new DataRequest(
            "onderzoek",
            "wmo-onderzoek",
            "onderzoek",
            DataRequest.Trigger.HULPVRAAG,
            "Z-1",
            List.of(
                    new DataRequest.Subject(Household.CLIENT, DataRequest.Role.CLIENT),
                    new DataRequest.Subject(Household.FAMILY_MEMBER, DataRequest.Role.GEZINSLID)),
            List.of(
                    new DataRequest.PartyQuestion("ggz", List.of("bekend-bij", "ggz-behandeling")),
                    new DataRequest.PartyQuestion("woon", List.of("huurachterstand"))),
            null);

    @Test
    void categoriesAskedOfAPartyAreItsOwnAndNoneForAPartyNotAsked() {
        assertThat(request.categoriesAskedOf("ggz")).containsExactly("bekend-bij", "ggz-behandeling");
        assertThat(request.categoriesAskedOf("woon")).containsExactly("huurachterstand");
        assertThat(request.categoriesAskedOf("school")).isEmpty();
    }

    @Test
    void adaptersReceiveEverySubjectWithItsRoleInOrder() {
        assertThat(request.adapterSubjects())
                .containsExactly(
                        new AdapterRequest.Subject(Household.CLIENT, "CLIENT"),
                        new AdapterRequest.Subject(Household.FAMILY_MEMBER, "GEZINSLID"));
    }
}
