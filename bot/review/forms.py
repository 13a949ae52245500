"""WTForms forms: every POST form carries Flask-WTF's CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from bot.review.passwords import MAX_LENGTH


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])


class CsrfOnlyForm(FlaskForm):
    """Buttons that change something (log out, delete) need only the token."""


class ReviewedForm(FlaskForm):
    reviewed = BooleanField("Reviewed")
    back = HiddenField()


class TagForm(FlaskForm):
    label = StringField(
        "Tag",
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[
            DataRequired(),
            Length(max=40),
            Regexp(r"^[^,]+$", message="A tag cannot contain commas."),
        ],
    )
    back = HiddenField()


class NoteForm(FlaskForm):
    body = TextAreaField("Private note", validators=[DataRequired(), Length(max=4000)])
    back = HiddenField()


class MarkForm(FlaskForm):
    """One mark on one of the person's turns; the view checks ``label`` against the kind's list
    (crisis categories, the bot's intents)."""

    kind = HiddenField(validators=[DataRequired(), Length(max=16)])
    label = StringField(validators=[Length(max=64)])
    back = HiddenField()
