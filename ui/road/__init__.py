"""The road to membership in the window: step forms, the member picker, the step dialog."""
