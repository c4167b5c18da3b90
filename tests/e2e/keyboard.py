"""Moving through pages as a keyboard user does: Tab to a control, then Enter, Space or
arrow keys; typing goes to whatever has the focus. No mouse, no clicks."""

from playwright.sync_api import Error, Locator, Page, expect

TAB_LIMIT = 250
# None once the page has taken the element out (htmx swapped in a new one).
FOCUSED_IF_STILL_THERE = "e => e.isConnected ? e === document.activeElement : null"


def has_focus(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> Locator:
    """Press Tab (or Shift+Tab) until `target` has the focus; fail if the keyboard never
    reaches it."""
    expect(target).to_be_attached()
    # Asking the locator after every Tab runs its query again (the role and label engines walk
    # the whole page); a handle on the element it found answers the same question at once.
    element = target.element_handle()
    for _ in range(TAB_LIMIT):
        try:
            focused = element.evaluate(FOCUSED_IF_STILL_THERE)
        except Error:  # a new document replaced the one the element was in
            focused = None
        if focused is None:  # so the locator finds the element anew
            focused = has_focus(target)
            element = target.element_handle()
        if focused:
            return target
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{target} cannot be reached with the Tab key on {page.url}")


def skip_to_main(page: Page) -> None:
    """The first Tab on a page reaches the skip link; Enter moves the focus into the page.
    A page that put the focus in its form already (autofocus) needs neither."""
    # Right after a navigation the new document may still be arriving: wait for its <main>.
    expect(page.locator("main")).to_be_attached()
    if page.evaluate("document.querySelector('main').contains(document.activeElement)"):
        return
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def activate(page: Page, target: Locator, key: str = "Enter") -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def type_into(page: Page, field: Locator, text: str) -> None:
    tab_to(page, field)
    page.keyboard.type(text)


def choose(page: Page, select: Locator, label: str) -> None:
    """Pick an option of a drop-down with Home and the arrow keys (typing the label would
    depend on how fast the keys arrive)."""
    tab_to(page, select)
    page.keyboard.press("Home")
    for _ in range(select.locator("option").count()):
        if select.locator("option:checked").inner_text().strip() == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label!r} in {select}")


def pick_file(page: Page, file_input: Locator, **file) -> None:
    """Reach the file input by keyboard; the file comes from the system's file dialog, which
    Playwright stands in for."""
    tab_to(page, file_input)
    page.locator(":focus").set_input_files(**file)
