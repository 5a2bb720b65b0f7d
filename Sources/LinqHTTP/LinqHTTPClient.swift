import Foundation
import LinqModel
