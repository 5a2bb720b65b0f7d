import Geo
import LinqModel
import TextUI
