package nl.wams.gateway.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP sockets a process listens on, read the way {@code ss -ltnp} reads them (Linux): the
 * socket inodes among the process's open files, looked up in {@code /proc/net/tcp} and
 * {@code tcp6} in state LISTEN.
 */
public final class ProcessListeners {

    /** One listening socket: the local address (as the kernel prints it, decoded) and port. */
    public record Listener(String address, int port) implements Comparable<Listener> {
        public boolean loopback() {
            return address.startsWith("127.") || address.equals("::1");
        }

        @Override
        public int compareTo(Listener other) {
            return Integer.compare(port, other.port);
        }

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    private ProcessListeners() {}

    public static Set<Listener> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not a listener
                }
            }
        }
        Set<Listener> listeners = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (f.length > 9 && LISTEN.equals(f[3]) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listeners;
    }

    /** The kernel prints addresses as hex words in host (little-endian) order. */
    static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 32; i += 8) {
            String word = hex.substring(i, i + 8);
            for (int b = 6; b >= 0; b -= 2) {
                words.append(word, b, b + 2);
            }
        }
        String all = words.toString().toLowerCase(java.util.Locale.ROOT);
        if (all.equals("00000000000000000000000000000001")) {
            return "::1";
        }
        if (all.equals("0".repeat(32))) {
            return "::";
        }
        if (all.startsWith("00000000000000000000ffff")) {
            String v4 = all.substring(24);
            return Integer.parseInt(v4.substring(0, 2), 16) + "." + Integer.parseInt(v4.substring(2, 4), 16) + "."
                    + Integer.parseInt(v4.substring(4, 6), 16) + "." + Integer.parseInt(v4.substring(6, 8), 16);
        }
        return all;
    }
}
