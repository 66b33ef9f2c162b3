package io.reactoreager.examples.gettingstarted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each library jar names its module in its manifest, so that it can be required from a
 * module-info.java by a stable name. Run by the reactor build after the library modules are
 * packaged, when their classes come from the jars.
 */
class ModuleNamesTest {

	@ParameterizedTest
	@CsvSource({
			"io.reactoreager.Eager, io.reactoreager",
			"io.reactoreager.netty.NettyEager, io.reactoreager.netty",
			"io.reactoreager.metrics.EagerMetrics, io.reactoreager.metrics" })
	void eachLibraryJarDeclaresItsAutomaticModuleName(String className, String moduleName) throws Exception {
		Path location = locationOf(Class.forName(className));
		assumeTrue(location.toString().endsWith(".jar"), () -> className + " comes from " + location + ", not a packaged jar");
		try (JarFile jar = new JarFile(location.toFile())) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
					.as("Automatic-Module-Name of %s", location.getFileName())
					.isEqualTo(moduleName);
		}
	}

	private static Path locationOf(Class<?> type) throws URISyntaxException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
	}
}
