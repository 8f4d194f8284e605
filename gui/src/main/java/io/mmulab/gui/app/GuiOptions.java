package io.mmulab.gui.app;

import java.nio.file.Path;

/**
 * How the debugger runs.
 *
 * @param screenshot   write the first settled frame here and exit (headless use); null to stay open
 * @param fps          log frames per second once a second
 * @param seconds      close after this long (0: never), e.g. to measure frame rate while running
 * @param projectRoot  where the guest sources are (kernel-model/src/main/c, guest-images/src/main/c)
 */
public record GuiOptions(Path screenshot, boolean fps, double seconds, Path projectRoot) {
}
