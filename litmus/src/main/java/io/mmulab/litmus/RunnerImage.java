// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSection;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.elf.ImageFormatException;
import io.mmulab.images.ImageCatalog;
import io.mmulab.images.UnknownImageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The prebuilt runner image (guest-images scenario litmus-runner) and copies of it patched with
 * one test: thread code, initial memory, the number of threads. The symbols and the header in
 * {@code litmus_params} say where everything is; a layout the image does not confirm is refused
 * rather than patched blindly.
 */
public final class RunnerImage {
    public static final String IMAGE_NAME = "litmus-runner";
    private static final int MAGIC = 0x4c49544d;
    private static final int VERSION = 1;

    private final ElfImage image;
    private final byte[] bytes;
    private final long codeVa;
    private final long doneVa;
    private final long regsOutVa;
    private final long memVa;
    private final long paramsVa;
    private final int maxThreads;
    private final int codeBytes;
    private final int regSlots;
    private final int memBytes;

    private RunnerImage(ElfImage image, byte[] bytes) throws ImageFormatException {
        this.image = image;
        this.bytes = bytes;
        this.codeVa = symbol("litmus_code").address();
        this.doneVa = symbol("litmus_thread_done").address();
        this.regsOutVa = symbol("litmus_regs_out").address();
        this.memVa = symbol("litmus_mem").address();
        this.paramsVa = symbol("litmus_params").address();
        ByteBuffer p = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = fileOffset(paramsVa, 32);
        if (p.getInt(at) != MAGIC || p.getInt(at + 4) != VERSION) {
            throw new ImageFormatException(image.path() + ": litmus_params has magic 0x" + Integer.toHexString(p.getInt(at))
                    + " version " + p.getInt(at + 4) + ", expected 0x" + Integer.toHexString(MAGIC) + " version " + VERSION
                    + " (rebuild the guest images)");
        }
        this.maxThreads = p.getInt(at + 12);
        this.codeBytes = p.getInt(at + 16);
        this.regSlots = p.getInt(at + 20);
        this.memBytes = p.getInt(at + 24);
        if (regSlots < Registers.count(image.arch())) {
            throw new ImageFormatException(image.path() + ": litmus_regs_out has " + regSlots + " slots per thread");
        }
        fileOffset(codeVa, (long) maxThreads * codeBytes);
        fileOffset(regsOutVa, (long) maxThreads * regSlots * 8);
        fileOffset(memVa, memBytes);
    }

    /** The runner image for {@code arch} from the built images (see {@link ImageCatalog}). */
    public static RunnerImage locate(Arch arch) throws LitmusException {
        Path path;
        try {
            path = ImageCatalog.locate().find(IMAGE_NAME, arch).path();
        } catch (UnknownImageException e) {
            throw new LitmusException(null, null, "the litmus runner image is missing: " + e.getMessage());
        }
        return load(path);
    }

    public static RunnerImage load(Path path) throws LitmusException {
        try {
            return new RunnerImage(ElfImage.load(path), Files.readAllBytes(path));
        } catch (ImageFormatException | IOException e) {
            throw new LitmusException(path, null, "not a usable litmus runner image: " + e.getMessage());
        }
    }

    public Arch arch() {
        return image.arch();
    }

    public int maxThreads() {
        return maxThreads;
    }

    /** Where {@code test}'s locations go in this image. */
    public Layout layout(LitmusTest test) throws LitmusException {
        if (test.arch() != image.arch()) {
            throw new IllegalArgumentException(test.archName() + " test for a " + image.arch() + " runner");
        }
        if (test.threads().size() > maxThreads) {
            throw new UnsupportedLitmusException(test.file(), null, test.threads().size() + " threads (the runner has "
                    + maxThreads + ")");
        }
        if (test.locations().size() > Layout.capacity(memBytes)) {
            throw new UnsupportedLitmusException(test.file(), null, test.locations().size() + " locations (the runner has room for "
                    + Layout.capacity(memBytes) + ")");
        }
        return Layout.of(image.arch(), codeVa, codeBytes, doneVa, regsOutVa, regSlots, memVa, memBytes, test.locations());
    }

    /**
     * A copy of the image with {@code code} in the threads' areas and the locations' initial
     * values, written to {@code file} and loaded from there.
     */
    public ElfImage patch(LitmusTest test, Layout layout, List<byte[]> code, Path file) throws LitmusException {
        byte[] out = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < code.size(); t++) {
            System.arraycopy(code.get(t), 0, out, fileOffsetUnchecked(layout.codeVa(t)), code.get(t).length);
        }
        int regs = fileOffsetUnchecked(regsOutVa);
        Arrays.fill(out, regs, regs + maxThreads * regSlots * 8, (byte) 0);
        int mem = fileOffsetUnchecked(memVa);
        Arrays.fill(out, mem, mem + memBytes, (byte) 0);
        for (Location l : test.locations()) {
            int at = fileOffsetUnchecked(layout.address(l.name()));
            if (l.width() == 8) {
                b.putLong(at, l.initial());
            } else {
                b.putInt(at, (int) l.initial());
            }
        }
        b.putInt(fileOffsetUnchecked(paramsVa) + 8, code.size());
        b.putInt(fileOffsetUnchecked(paramsVa) + 28, code.size());
        try {
            Files.write(file, out);
            return ElfImage.load(file);
        } catch (IOException | ImageFormatException e) {
            throw new LitmusException(test.file(), null, "cannot write the test's image " + file + ": " + e.getMessage());
        }
    }

    /** The physical address the image loads {@code va} at. */
    public long physical(long va) {
        return image.physicalAddressOf(va).orElseThrow(() -> new IllegalArgumentException(
                String.format("0x%x is not in the runner image", va)));
    }

    private ElfSymbol symbol(String name) throws ImageFormatException {
        return image.symbols().byName(name).orElseThrow(() -> new ImageFormatException(image.path()
                + ": no symbol " + name + " (not a litmus runner image?)"));
    }

    /** The file offset of {@code [va, va + len)}, which must lie in one section with file bytes. */
    private int fileOffset(long va, long len) throws ImageFormatException {
        for (ElfSection s : image.sections()) {
            if (!s.noBits() && s.address() != 0 && Long.compareUnsigned(va - s.address(), s.size()) < 0) {
                if (Long.compareUnsigned(va - s.address() + len, s.size()) > 0) {
                    throw new ImageFormatException(String.format("%s: 0x%x..+%d runs past section %s", image.path(), va,
                            len, s.name()));
                }
                return (int) (s.offset() + (va - s.address()));
            }
        }
        throw new ImageFormatException(String.format("%s: 0x%x is in no section with file contents", image.path(), va));
    }

    private int fileOffsetUnchecked(long va) {
        try {
            return fileOffset(va, 1);
        } catch (ImageFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
