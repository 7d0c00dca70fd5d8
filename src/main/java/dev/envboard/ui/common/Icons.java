package dev.envboard.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Every icon the app uses, in one place, so the look stays consistent. */
public enum Icons {
    BOARD(Material2AL.DASHBOARD),
    CONTAINERS(Material2AL.LAYERS),
    LOGS(Material2AL.ARTICLE),
    HEALTH(Material2AL.FAVORITE),
    DEPLOYS(Material2MZ.ROCKET),
    REFRESH(Material2MZ.REFRESH),
    THEME(Material2AL.BRIGHTNESS_6),
    WARNING(Material2MZ.WARNING),
    ERROR(Material2AL.ERROR_OUTLINE),
    INFO(Material2AL.INFO),
    HOST(Material2AL.DNS),
    CPU(Material2AL.DEVELOPER_BOARD),
    MEMORY(Material2MZ.MEMORY),
    OPERATIONS(Material2MZ.SYNC),
    INSECURE(Material2AL.LOCK_OPEN),
    LOCK(Material2AL.LOCK),
    OFFLINE(Material2AL.CLOUD_OFF),
    CLOSE(Material2AL.CLOSE),
    POOL(Material2AL.DEVICE_HUB),
    MORE(Material2MZ.MORE_VERT),
    ADD(Material2AL.ADD),
    UNDO(Material2MZ.UNDO),
    AUDIT(Material2AL.HISTORY),
    MOVE(Material2MZ.SWAP_HORIZ),
    CHECK(Material2AL.CHECK_CIRCLE),
    PENDING(Material2AL.HOURGLASS_EMPTY),
    PLAY(Material2MZ.PLAY_ARROW),
    STOP(Material2MZ.STOP),
    DELETE(Material2AL.DELETE),
    COPY(Material2AL.CONTENT_COPY),
    SAVE(Material2MZ.SAVE),
    UP(Material2AL.KEYBOARD_ARROW_UP),
    DOWN(Material2AL.KEYBOARD_ARROW_DOWN),
    FOLLOW(Material2MZ.VERTICAL_ALIGN_BOTTOM),
    DEMO(Material2MZ.PRESENT_TO_ALL),
    TIMER(Material2MZ.TIMER),
    EXTEND(Material2MZ.MORE_TIME),
    KEEP(Material2MZ.PUSH_PIN),
    LINK(Material2AL.LINK),
    OPEN_LINK(Material2MZ.OPEN_IN_NEW),
    CLEAN_UP(Material2AL.CLEANING_SERVICES),
    WATCHED(Material2MZ.STAR),
    NOT_WATCHED(Material2MZ.STAR_BORDER),
    COLLAPSE(Material2AL.CHEVRON_LEFT),
    EXPAND(Material2AL.CHEVRON_RIGHT),
    SEARCH(Material2MZ.SEARCH),
    COMPACT(Material2MZ.VIEW_HEADLINE);

    private final Ikon ikon;

    Icons(Ikon ikon) {
        this.ikon = ikon;
    }

    public FontIcon create() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("eb-icon");
        return icon;
    }
}
