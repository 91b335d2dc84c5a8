"""The questions of the health intake form, as blocks staff arrange in the intake settings.

Each has an icon, a template under templates/blocks/ (what the editor's preview shows) and a
preview value. The patient's form is built from the same values (booking.intake)."""

from wagtail import blocks


class _QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=200, help_text="The question as patients read it, e.g. 'Any recent surgery?'"
    )
    help_text = blocks.CharBlock(
        required=False, max_length=300, help_text="Optional hint shown under the question."
    )
    required = blocks.BooleanBlock(
        required=False, default=False, help_text="Patients must answer before sending the form."
    )


class TextQuestionBlock(_QuestionBlock):
    multiline = blocks.BooleanBlock(
        required=False, default=True, help_text="Several lines for the answer, not one."
    )

    class Meta:
        icon = "edit"
        template = "blocks/text_question_block.html"
        preview_value = {
            "label": "What brings you in?",
            "help_text": "Where it hurts, since when, what makes it better or worse.",
            "required": True,
            "multiline": True,
        }
        description = "A question answered in the patient's own words."


class ChoiceQuestionBlock(_QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(max_length=120),
        min_num=2,
        max_num=12,
        help_text="The answers to choose from, one per line.",
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/choice_question_block.html"
        preview_value = {
            "label": "How did you hear about us?",
            "help_text": "",
            "required": False,
            "choices": ["A friend", "My doctor", "Online search"],
        }
        description = "A question with one answer picked from a list."


class YesNoQuestionBlock(_QuestionBlock):
    class Meta:
        icon = "tick"
        template = "blocks/yes_no_question_block.html"
        preview_value = {
            "label": "Are you pregnant, or could you be?",
            "help_text": "Some positions and techniques are adapted.",
            "required": True,
        }
        description = "A yes-or-no question, such as a health condition to rule out."


class IntakeQuestionsBlock(blocks.StreamBlock):
    text_question = TextQuestionBlock()
    choice_question = ChoiceQuestionBlock()
    yes_no_question = YesNoQuestionBlock()

    class Meta:
        max_num = 30
