package io.mmulab.cli;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ImageFormatException;
import io.mmulab.images.GuestImage;
import io.mmulab.images.ImageCatalog;
import io.mmulab.images.UnknownImageException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Turns the user's NAME|PATH and --arch into a loaded image, or a one-line complaint. */
final class ImageResolver {
    private ImageResolver() {
    }

    static ElfImage resolve(String target, Arch requestedArch) {
        if (looksLikePath(target)) {
            ElfImage image = load(Paths.get(target));
            if (requestedArch != null && image.arch() != requestedArch) {
                throw new UserError(target + " is an " + image.arch() + " image, but --arch " + requestedArch
                        + " was given");
            }
            return image;
        }
        Arch arch = requestedArch != null ? requestedArch : Arch.X86_64;
        try {
            GuestImage g = ImageCatalog.locate().find(target, arch);
            return load(g.path());
        } catch (UnknownImageException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static boolean looksLikePath(String target) {
        return target.contains("/") || target.endsWith(".elf") || Files.exists(Paths.get(target));
    }

    private static ElfImage load(Path path) {
        try {
            return ElfImage.load(path);
        } catch (ImageFormatException e) {
            throw new UserError(e.getMessage());
        }
    }
}
