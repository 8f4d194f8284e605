package io.mmulab.emulator.explore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmulab.emulator.Arch;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.ChoiceSet;
import io.mmulab.mmu.model.ModelKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run that can be reproduced: the image (by hash), the whole configuration, how the run was
 * found, its decisions from the checkpoint on and the failure it reached. Versioned JSON with a
 * fixed key order and no timestamps, so the same run always writes the same bytes.
 *
 * @param decisions the run as found; {@code minimized} the fewest deviations that still fail (may be empty)
 */
public record Trace(String imagePath, String imageSha256, MachineConfig config, String strategy, long run,
                   boolean fromCheckpoint, Failure failure, long steps, List<Decision> decisions,
                   List<Decision> minimized) {
    public static final int VERSION = 1;

    /** How the run failed; {@code line} is the source line of {@code pc} if known. */
    public record Failure(String kind, String message, int cpu, long pc, String symbol, String line) {
        public static Failure of(Outcome o, String symbol, String line) {
            return new Failure(o.kind().name(), o.message(), o.cpu(), o.pc(), symbol, line);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("mmulab", "trace");
        root.put("version", VERSION);
        ObjectNode image = root.putObject("image");
        image.put("path", imagePath);
        image.put("sha256", imageSha256);
        ObjectNode c = root.putObject("config");
        c.put("arch", config.arch().displayName());
        c.put("vcpus", config.vcpus());
        c.put("memMib", config.memBytes() >> 20);
        c.put("model", config.model().displayName());
        c.put("seed", config.seed());
        c.put("switchProbability", config.switchProbability());
        c.put("maxSteps", config.maxSteps());
        root.put("strategy", strategy);
        root.put("run", run);
        root.put("fromCheckpoint", fromCheckpoint);
        if (failure != null) {
            ObjectNode f = root.putObject("failure");
            f.put("kind", failure.kind());
            f.put("message", failure.message());
            f.put("vcpu", failure.cpu());
            f.put("pc", "0x" + Long.toHexString(failure.pc()));
            f.put("symbol", failure.symbol());
            f.put("line", failure.line());
        }
        root.put("steps", steps);
        root.put("checksum", checksum(imageSha256, config, fromCheckpoint));
        putDecisions(root.putArray("decisions"), decisions);
        putDecisions(root.putArray("minimized"), minimized);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putDecisions(ArrayNode a, List<Decision> ds) {
        for (Decision d : ds) {
            a.add(encode(d));
        }
    }

    /** Compact: {@code s1} step cpu 1, {@code c0#17} commit store 17 of cpu 0, {@code d2} deliver to cpu 2. */
    static String encode(Decision d) {
        return switch (d.kind()) {
            case STEP -> "s" + d.cpu();
            case COMMIT -> "c" + d.cpu() + "#" + d.arg();
            case DELIVER -> "d" + d.cpu();
        };
    }

    static Decision decode(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty decision");
        }
        ChoiceSet.Kind kind = switch (s.charAt(0)) {
            case 's' -> ChoiceSet.Kind.STEP;
            case 'c' -> ChoiceSet.Kind.COMMIT;
            case 'd' -> ChoiceSet.Kind.DELIVER;
            default -> throw new IllegalArgumentException("bad decision '" + s + "'");
        };
        int hash = s.indexOf('#');
        int cpu = Integer.parseInt(s.substring(1, hash < 0 ? s.length() : hash));
        long arg = hash < 0 ? 0 : Long.parseLong(s.substring(hash + 1));
        return new Decision(kind, cpu, arg);
    }

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads a trace; every problem is one line naming the file. */
    public static Trace read(Path file) throws TraceFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new TraceFormatException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(file + ": not a JSON trace (" + e.getOriginalMessage() + ")");
        }
        try {
            if (root == null || !"trace".equals(text(root, "mmulab"))) {
                throw new IllegalArgumentException("not an mmulab trace (no \"mmulab\": \"trace\")");
            }
            int version = root.path("version").asInt(-1);
            if (version != VERSION) {
                throw new IllegalArgumentException("trace version " + version + ", this mmulab reads version " + VERSION);
            }
            JsonNode c = need(root, "config");
            MachineConfig config = new MachineConfig(Arch.parse(text(c, "arch")), need(c, "vcpus").asInt(),
                    need(c, "memMib").asLong() << 20, need(c, "seed").asLong(), need(c, "switchProbability").asDouble(),
                    need(c, "maxSteps").asLong(), ModelKind.parse(text(c, "model")));
            JsonNode img = need(root, "image");
            if (!checksum(text(img, "sha256"), config, root.path("fromCheckpoint").asBoolean())
                    .equals(root.path("checksum").asText())) {
                throw new IllegalArgumentException("its image hash or configuration was changed after it was recorded"
                        + " (checksum mismatch): record a new trace with mmulab run instead");
            }
            Failure failure = null;
            JsonNode f = root.get("failure");
            if (f != null && !f.isNull()) {
                failure = new Failure(text(f, "kind"), text(f, "message"), f.path("vcpu").asInt(-1),
                        hex(f.path("pc").asText("0x0")), f.path("symbol").asText(""), f.path("line").asText(""));
            }
            return new Trace(text(img, "path"), text(img, "sha256"), config, root.path("strategy").asText(""),
                    root.path("run").asLong(), root.path("fromCheckpoint").asBoolean(), failure,
                    root.path("steps").asLong(), decisions(need(root, "decisions")), decisions(root.path("minimized")));
        } catch (IllegalArgumentException e) {
            throw new TraceFormatException(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new TraceFormatException(file + ": malformed trace (" + e + ")");
        }
    }

    /** Binds image and configuration together, so an edited trace is refused rather than silently diverging. */
    static String checksum(String imageSha256, MachineConfig c, boolean fromCheckpoint) {
        String canonical = String.join("|", imageSha256, c.arch().displayName(), Integer.toString(c.vcpus()),
                Long.toString(c.memBytes()), c.model().displayName(), Long.toString(c.seed()),
                Double.toString(c.switchProbability()), Long.toString(c.maxSteps()), Boolean.toString(fromCheckpoint));
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long hex(String s) {
        String digits = s.startsWith("0x") ? s.substring(2) : s;
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad address '" + s + "'");
        }
    }

    private static List<Decision> decisions(JsonNode a) {
        List<Decision> out = new ArrayList<>();
        if (a.isMissingNode() || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("decisions must be an array");
        }
        for (JsonNode n : a) {
            out.add(decode(n.asText()));
        }
        return out;
    }

    private static JsonNode need(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return v;
    }

    private static String text(JsonNode n, String key) {
        return need(n, key).asText();
    }

    /** A trace file that cannot be used; the message is one line. */
    public static final class TraceFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public TraceFormatException(String message) {
            super(message);
        }
    }
}
