package nl.wams.gateway.register;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import nl.wams.gateway.audit.ConfigHistory;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.ConfigProblem;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force on this node, replaced atomically by a reload. A request takes
 * {@link #current()} once and keeps those rules to its end; requests that start after a reload
 * get the new ones.
 */
public final class ActiveRules {

    private static final Logger log = LoggerFactory.getLogger(ActiveRules.class);

    private final ConfigLoader loader;
    private final ConfigHistory history;
    private final String nodeId;
    private final Clock clock;
    private final AtomicReference<Rules> current;

    /**
     * Starts with the configuration the gateway was started with, recorded in the history first.
     * Fails closed: when the history cannot be written the gateway does not start.
     */
    public ActiveRules(LoadedConfig started, ConfigLoader loader, ConfigHistory history, String nodeId, Clock clock) {
        this.loader = loader;
        this.history = history;
        this.nodeId = nodeId;
        this.clock = clock;
        try {
            history.activated(started, nodeId, clock.instant(), "start");
        } catch (SQLException e) {
            throw new IllegalStateException("the configuration history cannot be written", e);
        }
        this.current = new AtomicReference<>(Rules.of(started));
    }

    /** The rules a request that starts now is decided by. */
    public Rules current() {
        return current.get();
    }

    /** The version of the rules in force. */
    public String version() {
        return current.get().version();
    }

    /** What a reload came to. */
    public sealed interface Reload {
        /** The new rules are in force; {@code changes} says what changed, in words. */
        record Applied(String previous, String version, List<String> changes) implements Reload {}

        /** The file has the rules already in force. */
        record Unchanged(String version) implements Reload {}

        /** Nothing changed: the running rules stay; every problem with its file:line. */
        record Refused(String version, List<ConfigProblem> problems) implements Reload {}
    }

    /**
     * Reads the configuration file again and, when it is valid in every respect and changes only
     * the purpose register, puts it in force. Fails closed: the new version is in the history
     * before any request is decided by it; when the history cannot be written, the old rules stay.
     *
     * @param loadedBy who asked for the reload (recorded with the activation)
     */
    public synchronized Reload reload(String loadedBy) {
        Rules running = current.get();
        LoadedConfig next;
        try {
            next = loader.load(running.loaded().file());
        } catch (InvalidConfigException e) {
            log.warn(
                    "configuration reload refused: {} problem(s), version {} stays",
                    e.problems().size(),
                    abbreviated(running.version()));
            return new Reload.Refused(running.version(), e.problems());
        }
        if (next.version().equals(running.version())) {
            return new Reload.Unchanged(running.version());
        }
        List<ConfigProblem> problems = new ArrayList<>(RestartOnly.problems(running.loaded(), next, loader));
        if (!problems.isEmpty()) {
            log.warn(
                    "configuration reload refused: {} section(s) need a restart, version {} stays",
                    problems.size(),
                    abbreviated(running.version()));
            return new Reload.Refused(running.version(), problems);
        }
        Rules rules = Rules.of(next);
        try {
            history.activated(next, nodeId, clock.instant(), loadedBy);
        } catch (SQLException e) {
            log.warn(
                    "configuration reload refused: the history cannot be written ({})",
                    e.getClass().getSimpleName());
            return new Reload.Refused(
                    running.version(),
                    List.of(new ConfigProblem(
                            next.file(),
                            0,
                            "",
                            "the configuration history cannot be written; the running rules stay")));
        }
        current.set(rules);
        log.info(
                "configuration version {} in force (was {}), loaded by {}",
                abbreviated(rules.version()),
                abbreviated(running.version()),
                loadedBy);
        return new Reload.Applied(running.version(), rules.version(), ConfigDiff.between(running.loaded(), next));
    }

    private static String abbreviated(String version) {
        return version.substring(0, 12);
    }
}
