package io.mmulab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Explorer;
import io.mmulab.emulator.machine.MachineConfig;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code mmulab run} found: a line or two for people, JSON for machines. */
final class Report {
    private final ElfImage image;
    private final MachineConfig config;
    private final String name;
    private final String variant;
    private final Explorer.Strategy strategy;
    private final int depth;
    private final Explorer.Summary summary;
    private final Shard shard;
    private final int jobs;
    final List<Failures.Info> failures = new ArrayList<>();

    Report(ElfImage image, MachineConfig config, String name, String variant, Explorer.Strategy strategy, int depth,
           Explorer.Summary summary, Shard shard, int jobs) {
        this.shard = shard;
        this.jobs = jobs;
        this.image = image;
        this.config = config;
        this.name = name;
        this.variant = variant;
        this.strategy = strategy;
        this.depth = depth;
        this.summary = summary;
    }

    void print(PrintWriter err, boolean single) {
        String what = String.format("%s (%s, %d vCPUs, %s, %s, seed %d%s)", image.path().getFileName(), config.arch(),
                config.vcpus(), config.model().displayName(), strategy.displayName(), config.seed(),
                shard.count() > 1 ? ", shard " + shard : "");
        if (failures.isEmpty()) {
            err.printf("mmulab: %s: no failure in %d run%s (%.1f s)%s%n", what, summary.runs(),
                    summary.runs() == 1 ? "" : "s", summary.elapsedMs() / 1000.0,
                    summary.exhausted() ? ", every schedule within the bounds explored" : "");
        } else {
            Failures.Info f = failures.get(0);
            err.printf("mmulab: %s: %s at run %d of %d: %s%n", what, f.kind(), f.run(), summary.runs(), f.message());
            if (!f.line().isEmpty()) {
                err.printf("mmulab:   at %s (%s)%n", f.symbol(), f.line());
            }
            if (f.frames().size() > 1) {
                // inlined: the whole chain, innermost first, as a stack trace would show it
                for (var fr : f.frames()) {
                    err.printf("mmulab:     %s%n", fr);
                }
            }
            err.printf("mmulab: trace written to %s (./mmulab replay %s --diagram)%n", f.trace(), f.trace());
        }
        String caveat = config.model().limitation();
        if (!caveat.isEmpty() && !single) {
            err.println("mmulab: note: " + caveat);
        }
        err.flush();
    }

    void writeJson(Path file) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("image", name);
        root.put("path", image.path().toAbsolutePath().toString());
        root.put("arch", config.arch().displayName());
        root.put("model", config.model().displayName());
        root.put("variant", variant == null ? "" : variant);
        root.put("strategy", strategy.displayName());
        root.put("depth", depth);
        root.put("seed", config.seed());
        root.put("runs", summary.runs());
        root.put("imageSha256", image.sha256());
        root.put("vcpus", config.vcpus());
        root.put("shard", shard.toString());
        root.put("jobs", jobs);
        root.put("elapsedMs", summary.elapsedMs());
        root.put("exhausted", summary.exhausted());
        ArrayNode fs = root.putArray("failures");
        for (Failures.Info f : failures) {
            ObjectNode n = fs.addObject();
            n.put("kind", f.kind());
            n.put("message", f.message());
            n.put("run", f.run());
            n.put("trace", f.trace().toAbsolutePath().toString());
            n.put("vcpu", f.vcpu());
            n.put("pc", "0x" + Long.toHexString(f.pc()));
            n.put("symbol", f.symbol());
            n.put("line", f.line());
            ArrayNode frames = n.putArray("frames");
            for (var fr : f.frames()) {
                frames.addObject().put("function", fr.function()).put("line", fr.line());
            }
        }
        root.put("firstFailureRun", summary.firstFailureRun());
        ObjectNode outcomes = root.putObject("outcomes");
        summary.outcomes().forEach(outcomes::put);
        root.put("modelCaveat", config.model().limitation());
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, json.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }
}
