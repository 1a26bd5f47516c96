"""The window's kit: one form dialog, one way to show a refusal, one permission helper.

Every dialog that gathers input builds on ``FormDialog`` so that all of them behave alike
for the keyboard (Enter moves on and records on the last field, Ctrl+S records, Esc asks
before typed text is dropped) and show refusals the same way.
"""
