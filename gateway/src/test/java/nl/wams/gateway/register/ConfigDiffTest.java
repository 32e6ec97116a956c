package nl.wams.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import org.junit.jupiter.api.Test;

/** {@code config diff} on the shipped example files: what a change does to the rules, in words. */
class ConfigDiffTest {

    static LoadedConfig load(String name) {
        return new ConfigLoader().load(Path.of("../config/demo/" + name));
    }

    @Test
    void describesTheRulesThatDifferBetweenTwoShippedProviders() {
        List<String> changes = ConfigDiff.between(load("ggz-noordkust.yml"), load("woonstichting-de-haven.yml"));

        assertThat(changes)
                .contains("profile onderzoek/ggz-behandeling removed: no field of it passes any more")
                .anySatisfy(c -> assertThat(c).startsWith("release of 'ggz-behandeling' changed from BEOORDELING"))
                .contains("section 'identity' changed (restart needed)")
                .contains("the provider's backend changed (restart needed)");
    }

    @Test
    void aFileComparedWithItselfChangesNothing() {
        assertThat(ConfigDiff.between(load("gemeente.yml"), load("gemeente.yml")))
                .isEmpty();
    }

    @Test
    void namesEveryAddedAndRemovedCategoryFieldAndPurpose() {
        LoadedConfig gemeente = load("gemeente.yml");
        List<String> forward = ConfigDiff.between(load("ggz-noordkust.yml"), gemeente);
        List<String> back = ConfigDiff.between(gemeente, load("ggz-noordkust.yml"));

        // What one direction adds, the other removes.
        assertThat(forward).anySatisfy(c -> assertThat(c).contains("party '").contains("added"));
        assertThat(back).anySatisfy(c -> assertThat(c).contains("party '").contains("removed"));
    }

    @Test
    void describesOutboundProfilesAndWhereContributionsGo() {
        List<String> changes = ConfigDiff.between(load("ggz-noordkust.yml"), load("woonstichting-de-haven.yml"));

        assertThat(changes)
                .contains("outbound profile for 00000099000000000001 gecoordineerde-aanpak/contactprofessional removed:"
                        + " no field of it passes any more")
                .anySatisfy(c -> assertThat(c)
                        .startsWith("contributions to case meetings of organisation 00000099000000000001 now go to"));
    }
}
