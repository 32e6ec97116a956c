package nl.wams.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration has problems; carries every problem found, not just the first. */
public final class InvalidConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
