package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's headless Chromium, driven by Selenium through Debian's chromedriver
 * (paths set explicitly, so that Selenium Manager never tries to download anything). Walks what the communication
 * department does: search, open an article, log in, link an unanswered question to an article, and see that
 * question answered with that article. With {@code -Dprotocolbot.screenshots=DIR} it saves the main pages as PNG.
 */
@Timeout(300)
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A question the bundled corpus does not answer, until it is linked to the article that does. */
    static final String TEACH = "mijn identiteit is gestolen op een datingsite";
    static final String ARTICLE = "aurora/3.6";
    @TempDir
    static Path tmp;
    static Site site;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getProperty("protocolbot.browser"))) {
            throw new AssertionError("Chromium and chromedriver are required here (.ci/run installs them): "
                    + "apt-get install -y chromium chromium-driver");
        }
        assumeTrue(installed, "no Chromium: apt-get install -y chromium chromium-driver (CI requires it)");
        site = new Site(tmp, Optional.of(Site.PASSWORD));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"), "--lang=nl-NL",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    void open(String path) {
        browser.get(site.base + path);
    }

    String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** Waits until a form's submission has led to a page that has {@code css}. */
    WebElement await(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    @Test
    void searchOpenAnArticleLogInTeachTheBotAndSeeItAnswered() throws Exception {
        // searching
        open("/");
        assertEquals("nl", browser.findElement(By.tagName("html")).getAttribute("lang"));
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("Mag ik een foto van mijn klas op Instagram zetten?");
        box.submit();
        await("#antwoord-kop");
        assertEquals("Dit zeggen de protocollen", text("#antwoord-kop").replace("Dit zegt het protocol",
                "Dit zeggen de protocollen"));
        assertFalse(browser.findElements(By.cssSelector(".answer mark")).isEmpty(), "the best sentence is marked");
        assertTrue(text(".answer").contains("Bij twijfel: niet publiceren."));
        assertTrue(browser.manage().getCookies().isEmpty(), "public pages set no cookies");
        screenshot("web-home", Extent.PAGE);
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("web-phone", Extent.PAGE);
        browser.manage().window().setSize(new Dimension(1280, 900));

        // 👍 under the answer, as in Slack
        browser.findElement(By.cssSelector("form.vote button[value=op]")).click();
        assertEquals("Bedankt voor je feedback! Zo wordt de bot beter.", await("p.thanks").getText());
        assertTrue(browser.findElements(By.cssSelector("form.vote")).isEmpty(), "one vote per answer");

        // opening an article
        WebElement first = browser.findElement(By.cssSelector(".answer .item h3 a"));
        String title = first.getText();
        String href = first.getAttribute("href");
        first.click();
        await("#permalink");
        assertEquals(title, text("h1"));
        assertEquals(href, browser.findElement(By.id("permalink")).getAttribute("value"));
        assertFalse(browser.findElements(By.cssSelector("nav.crumbs li")).isEmpty());
        screenshot("web-article", Extent.PAGE);
        browser.findElement(By.cssSelector("nav.crumbs li:nth-child(2) a")).click();
        await("nav.toc");
        assertTrue(text("h1").length() > 0);
        assertFalse(browser.findElements(By.cssSelector("nav.toc a")).isEmpty());
        open("/protocol/aurora");
        assertTrue(text("main > p.meta").contains("versie 1.0 · vastgesteld 2021-11-22"), text("main > p.meta"));
        screenshot("web-protocol", Extent.WINDOW);

        // a 👎, and a question the bot cannot answer yet: both texts are kept for the management page
        open(Site.q("mag ik vertrouwelijke informatie tweeten"));
        browser.findElement(By.cssSelector("form.vote button[value=neer]")).click();
        await("p.thanks");
        open(Site.q(TEACH));
        assertEquals("Niets gevonden", text("#antwoord-kop"));

        // logging in
        open("/beheer");
        browser.findElement(By.id("wachtwoord")).sendKeys(Site.PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        await(".topbar");
        assertTrue(text(".topbar").contains("Uitloggen"));
        List<WebElement> kept = browser.findElements(By.cssSelector("article.kept"));
        assertEquals(2, kept.size());
        assertTrue(kept.get(1).getText().contains("👎 niet nuttig: het antwoord"), kept.get(1).getText());
        WebElement unanswered = kept.get(0);
        assertTrue(unanswered.getText().contains(TEACH));
        assertFalse(browser.getCurrentUrl().contains("nepaccount"), "no question text in management URLs");
        assertTrue(text("#stemmen-kop + p + figure").contains("1 keer 👍 nuttig en 1 keer 👎 niet nuttig"), text("main"));
        screenshot("web-beheer", Extent.PAGE);

        // linking the unanswered question to an article
        unanswered.findElement(By.cssSelector("input[name=artikel]")).sendKeys(ARTICLE);
        unanswered.findElement(By.cssSelector("form[action='/beheer/koppel'] button")).click();
        await("p.notice");
        assertTrue(text("p.notice").startsWith("Gekoppeld aan " + ARTICLE), text("main"));
        assertEquals(1, browser.findElements(By.cssSelector("article.kept")).size());
        assertEquals(site.base + "/beheer", browser.getCurrentUrl());

        // the same question is now answered with that article
        open("/");
        WebElement again = browser.findElement(By.id("q"));
        again.sendKeys(TEACH);
        again.submit();
        await("#antwoord-kop");
        assertEquals(ARTICLE, text(".answer .item .id"), "the first article is the one it was linked to");
        assertTrue(text(".answer").contains("Bij twijfel: niet publiceren."));
    }

    /** How much of the page a screenshot holds. */
    enum Extent { PAGE, WINDOW }

    /** Saves the page as a PNG, when asked to. */
    void screenshot(String name, Extent extent) throws Exception {
        String dir = System.getProperty("protocolbot.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", extent == Extent.PAGE));
        Path file = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
