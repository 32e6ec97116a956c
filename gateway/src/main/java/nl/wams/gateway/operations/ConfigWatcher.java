package nl.wams.gateway.operations;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import nl.wams.gateway.register.ActiveRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the purpose register when the configuration file changes, also when Kubernetes swaps a
 * mounted ConfigMap ({@code management.watch-config}).
 * Changes within a short quiet period are taken as one (an editor writes a file in steps); a file
 * caught half written is refused like any invalid file and the next change tries again.
 */
final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    static final String WHO = "bestandswijziging";
    private static final long QUIET_MILLIS = 300;

    private final ActiveRules rules;
    private final Path file;
    private final WatchService watcher;
    private final Thread thread;
    private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wams-config-reload");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;

    /** Watches {@code file} when {@code enabled}; otherwise does nothing. */
    ConfigWatcher(ActiveRules rules, Path file, boolean enabled) throws IOException {
        this.rules = rules;
        this.file = file.toAbsolutePath().normalize();
        if (!enabled) {
            this.watcher = null;
            this.thread = null;
            return;
        }
        this.watcher = FileSystems.getDefault().newWatchService();
        this.file
                .getParent()
                .register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        this.thread = new Thread(this::watch, "wams-config-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // The file itself, or Kubernetes' swap of a mounted ConfigMap: it replaces a symbolic
                // link (..data) rather than writing the file's own name. Other files in the folder
                // (a database next to the configuration, say) are not a reason to reload.
                boolean changed = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name
                            && (name.getFileName().equals(file.getFileName())
                                    || name.toString().startsWith(".."))) {
                        changed = true;
                    }
                }
                key.reset();
                if (changed) {
                    schedule();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = reloads.schedule(this::reload, QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void reload() {
        try {
            ActiveRules.Reload result = rules.reload(WHO);
            log.info("configuration file changed: {}", result.getClass().getSimpleName());
        } catch (RuntimeException e) {
            log.warn(
                    "configuration reload after a file change failed: {}",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() throws IOException {
        reloads.shutdownNow();
        if (watcher != null) {
            watcher.close();
            thread.interrupt();
        }
    }
}
