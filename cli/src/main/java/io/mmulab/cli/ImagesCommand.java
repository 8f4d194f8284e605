package io.mmulab.cli;

import io.mmulab.images.GuestImage;
import io.mmulab.images.ImageCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mmulab images}: what can be run by name. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List every built guest image: name, arch, path.")
final class ImagesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ImageCatalog catalog = ImageCatalog.locate();
        List<GuestImage> images = catalog.list();
        PrintWriter out = spec.commandLine().getOut();
        if (images.isEmpty()) {
            throw new UserError("no images are built in " + catalog.dir() + " (./mmulab builds them)");
        }
        int w = Math.max(4, images.stream().mapToInt(g -> g.name().length()).max().orElse(4));
        out.printf("%-" + w + "s  %-6s  %s%n", "NAME", "ARCH", "PATH");
        for (GuestImage g : images) {
            out.printf("%-" + w + "s  %-6s  %s%n", g.name(), g.arch(), g.path());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
