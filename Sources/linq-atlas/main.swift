print("linq-atlas")
