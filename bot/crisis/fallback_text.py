"""The general crisis resources as plain text, generated from data/crisis/resources.yml
by `make generate` (bot/crisis/resources.py): the last resort of code that must answer
when the YAML file itself cannot be read. Do not edit by hand."""

FALLBACK_TEXT = "If you need help now:\n• Emergency services: 911 / 999 / 112.\n• US and Canada: call or text 988.\n• UK and Ireland: Samaritans, call 116 123.\n• Australia: Lifeline 13 11 14.\n• Elsewhere: findahelpline.com lists free helplines in your country.\n\nI'm a bot, so I can't call anyone or send help myself. If you are in danger right now, please call 911 / 999 / 112. I'm still here with you if you want to keep talking."
