import TextUI
