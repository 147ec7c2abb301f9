package io.cutover.war.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;

/** The admin page in a real headless Chromium: log in, watch flows, roll one back; a viewer's rollback is refused. */
class AdminPageIT extends BothWars {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChromeDriverService service;
    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        // a missing browser fails the test, never skips it: .ci/run installs chromium and chromium-driver
        assertThat(Files.isExecutable(CHROMIUM)).as("%s missing: apt-get install chromium", CHROMIUM).isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as("%s missing: apt-get install chromium-driver", CHROMEDRIVER)
                .isTrue();
        profile = Files.createTempDirectory("cutover-chromium-");
        // the driver's path is given, so Selenium Manager never looks for (or downloads) one
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anOperatorRollsAShadowFlowBackToLegacyWithAReason() {
        logIn(CutoverEnvironment.OPERATOR, env.operatorPassword);
        await("order-audit in SHADOW on the page").atMost(PATIENCE).ignoreExceptions()
                .until(() -> text(row("order-audit"), ".stage"), "SHADOW"::equals);
        assertThat(text(row("order-audit"), ".gate")).startsWith("refused: ").contains("min-compared");

        rollBack("order-audit", "audit rows look odd");

        await("order-audit in LEGACY on the page").atMost(PATIENCE).ignoreExceptions()
                .until(() -> text(row("order-audit"), ".stage"), "LEGACY"::equals);
        assertThat(text(row("order-audit"), ".outcome")).contains("SHADOW → LEGACY", "by " + CutoverEnvironment.OPERATOR);
        List<StageChange> history = env.flags().history("order-audit");
        assertThat(history).last().satisfies(change -> {
            assertThat(change.from()).isEqualTo(Stage.SHADOW);
            assertThat(change.to()).isEqualTo(Stage.LEGACY);
            assertThat(change.actor()).isEqualTo(CutoverEnvironment.OPERATOR);
            assertThat(change.reason()).isEqualTo("audit rows look odd");
        });
    }

    @Test
    void aViewersRollbackIsRefusedWithTheForbiddenError() {
        logIn(CutoverEnvironment.VIEWER, env.viewerPassword);
        await("confirmation-mail on the page").atMost(PATIENCE).ignoreExceptions()
                .until(() -> text(row("confirmation-mail"), ".stage"), "SHADOW"::equals);

        rollBack("confirmation-mail", "just looking");

        await("the refusal shown").atMost(PATIENCE).ignoreExceptions()
                .until(() -> text(row("confirmation-mail"), ".outcome"), outcome -> outcome.startsWith("403"));
        assertThat(text(row("confirmation-mail"), ".stage")).isEqualTo("SHADOW");
        assertThat(env.flags().stage("confirmation-mail")).isEqualTo(Stage.SHADOW);
    }

    @Test
    void theReportLinkOpensTheShadowComparisonReportInANewTab() {
        logIn(CutoverEnvironment.VIEWER, env.viewerPassword);
        await("the flows on the page").atMost(PATIENCE).ignoreExceptions()
                .until(() -> text(row("confirmation-mail"), ".stage"), stage -> !stage.isEmpty());
        String console = browser.getWindowHandle();

        browser.findElement(By.id("report-html")).click();

        String tab = await("the report tab").atMost(PATIENCE).until(() -> browser.getWindowHandles().stream()
                .filter(handle -> !handle.equals(console)).findFirst().orElse(null), handle -> handle != null);
        browser.switchTo().window(tab);
        await("the report rendered").atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.findElement(By.tagName("h1")).getText(), "Cutover report"::equals);
        assertThat(browser.getPageSource()).contains("confirmation-mail", "order-audit", "gates pass / fail / none");
    }

    @Test
    void aWrongPasswordSendsTheUserBackToTheLoginForm() {
        logIn(CutoverEnvironment.OPERATOR, "not-the-password");

        await("the login error").atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.findElement(By.id("login-error")).getText(), text -> text.contains("Wrong"));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
    }

    private void logIn(String user, String password) {
        browser.get(env.baseUrl() + "/cutover/");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private void rollBack(String flow, String reason) {
        row(flow).findElement(By.cssSelector(".rollback-open")).click();
        row(flow).findElement(By.cssSelector(".reason")).sendKeys(reason);
        row(flow).findElement(By.cssSelector(".rollback-confirm")).click();
    }

    private WebElement row(String flow) {
        return browser.findElement(By.cssSelector("#flows tr[data-flow='" + flow + "']"));
    }

    private static String text(WebElement row, String css) {
        return row.findElement(By.cssSelector(css)).getText();
    }
}
