public enum NotifyTestingPlaceholder {}
